package io.runway.worker.security;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Console sign-in with OpenID Connect (authorization code flow) against the same provider the API
 * trusts, with the same groups claim and mapping: the signed-in person's authorities are Runway groups.
 * The provider's metadata is read at the first sign-in, so Runway starts while the IdP is down.
 */
@Component
@ConditionalOnProperty(name = AuthProperties.MODE, havingValue = AuthProperties.OIDC)
class OidcConsoleLogin implements ConsoleLogin {

  static final String REGISTRATION_ID = "runway";

  private final AuthProperties.Oidc oidc;
  private final IdentityClaims claims;

  OidcConsoleLogin(AuthProperties auth, IdentityClaims claims) {
    this.oidc = auth.oidc();
    this.claims = claims;
  }

  @Override
  public void configure(HttpSecurity http) throws Exception {
    if (oidc.clientId() == null || oidc.clientId().isBlank() || oidc.issuerUri() == null || oidc.issuerUri().isBlank()) {
      throw new IllegalStateException("Console sign-in in oidc mode needs runway.auth.oidc.issuer-uri and "
          + "runway.auth.oidc.client-id (RUNWAY_AUTH_OIDC_CLIENT_ID), plus RUNWAY_AUTH_OIDC_CLIENT_SECRET for a "
          + "confidential client; register the redirect URI {baseUrl}/login/oauth2/code/" + REGISTRATION_ID + " at the provider");
    }
    Supplier<ClientRegistration> registration = SingletonSupplier.of(() -> ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
        .registrationId(REGISTRATION_ID)
        .clientId(oidc.clientId())
        .clientSecret(oidc.clientSecret())
        .scope(oidc.scopes())
        .build());
    ClientRegistrationRepository clients = id -> REGISTRATION_ID.equals(id) ? registration.get() : null;
    OidcUserService users = new OidcUserService();
    http.oauth2Login(login -> login
        .clientRegistrationRepository(clients)
        .userInfoEndpoint(info -> info.oidcUserService(request -> asRunwayUser(users.loadUser(request)))));
  }

  /** Authorities are the mapped Runway groups; the name is the configured username claim, else {@code sub}. */
  OidcUser asRunwayUser(OidcUser user) {
    List<GrantedAuthority> groups =
        claims.runwayGroups(user.getClaims()).stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    String nameClaim = user.getClaims().get(oidc.usernameClaim()) instanceof String ? oidc.usernameClaim() : "sub";
    return new DefaultOidcUser(groups, user.getIdToken(), user.getUserInfo(), nameClaim);
  }
}
