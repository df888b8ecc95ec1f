package io.runway.worker.security;

import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import io.runway.lifecycle.model.Actor;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Turns the authenticated principal into the workflow's {@link Actor}: authorities are group names. */
public final class Actors {

  private Actors() {}

  public static Actor of(Authentication authentication) {
    Set<String> groups =
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(Groups.ALL::contains)
            .collect(Collectors.toUnmodifiableSet());
    return new Actor(authentication.getName(), groups, email(authentication));
  }

  /** The e-mail address the identity provider gave (a bearer token's or the console sign-in's claim); none for demo users. */
  static String email(Authentication authentication) {
    if (authentication instanceof JwtAuthenticationToken jwt) {
      return jwt.getToken().getClaimAsString(StandardClaimNames.EMAIL);
    }
    if (authentication.getPrincipal() instanceof OidcUser user) {
      return user.getEmail();
    }
    return null;
  }

  /** Auditors read everything; admins manage the system and may look at any inbox. */
  public static boolean seesEverything(Actor actor) {
    return actor.isMemberOf(Groups.AUDITOR) || actor.isMemberOf(Groups.ADMIN);
  }
}
