package io.runway.worker.users;

import io.runway.activities.users.UserDirectory;
import io.runway.worker.security.Actors;
import io.runway.worker.security.AuthProperties;
import io.runway.worker.security.DemoUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Writes who Runway has met into the user directory: every demo user at start-up (demo mode), and a
 * signed-in user when first seen by this process, when their e-mail or groups change, and otherwise
 * at most once an hour, so a busy API does not write a row per request. Never fails a request.
 */
@Component
public class UserSightings {

  static final Duration REFRESH = Duration.ofHours(1);
  private static final Logger log = LoggerFactory.getLogger(UserSightings.class);

  private record Sighting(String fingerprint, Instant at) {}

  private final UserDirectory directory;
  private final String authMode;
  private final Map<String, Sighting> recent = new ConcurrentHashMap<>();

  UserSightings(UserDirectory directory, @Value("${" + AuthProperties.MODE + ":" + AuthProperties.OIDC + "}") String authMode) {
    this.directory = directory;
    this.authMode = authMode;
  }

  @EventListener(ApplicationReadyEvent.class)
  void demoUsers() {
    if (!AuthProperties.DEMO.equals(authMode)) {
      return;
    }
    try {
      DemoUsers.all().forEach(u -> directory.seen(u.username(), null, null, List.of(u.group()), "demo"));
    } catch (RuntimeException e) {
      log.warn("could not list the demo users in the user directory: {}", e.getMessage());
    }
  }

  /** A request made by {@code authentication}: recorded unless this process wrote the same user lately. */
  public void sawRequestFrom(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
      return;
    }
    var actor = Actors.of(authentication);
    String displayName = displayName(authentication);
    String fingerprint = actor.email() + "|" + displayName + "|" + actor.groups().stream().sorted().toList();
    Instant now = Instant.now();
    Sighting last = recent.get(actor.username());
    if (last != null && last.fingerprint().equals(fingerprint) && last.at().plus(REFRESH).isAfter(now)) {
      return;
    }
    try {
      directory.seen(actor.username(), actor.email(), displayName, actor.groups(), source(authentication));
      recent.put(actor.username(), new Sighting(fingerprint, now));
    } catch (RuntimeException e) {
      // the directory is a convenience for linking owners: a database hiccup must not cost the request
      log.debug("could not record {} in the user directory: {}", actor.username(), e.getMessage());
    }
  }

  private static String source(Authentication authentication) {
    return authentication instanceof JwtAuthenticationToken || authentication.getPrincipal() instanceof OidcUser
        ? AuthProperties.OIDC : AuthProperties.DEMO;
  }

  private static String displayName(Authentication authentication) {
    if (authentication instanceof JwtAuthenticationToken jwt) {
      return jwt.getToken().getClaimAsString("name");
    }
    if (authentication.getPrincipal() instanceof OidcUser user) {
      return user.getFullName();
    }
    return null;
  }
}
