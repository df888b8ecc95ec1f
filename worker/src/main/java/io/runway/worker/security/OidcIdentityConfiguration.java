package io.runway.worker.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * runway.auth.mode=oidc: the API is an OAuth 2.0 resource server. A bearer JWT must be signed by a key
 * of the issuer's JWK set, unexpired, from the configured issuer and for one of the configured
 * audiences; its groups claim, mapped to Runway groups, becomes the caller's authorities, so
 * {@link Actors#of} reads it as it reads a demo user.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = AuthProperties.MODE, havingValue = AuthProperties.OIDC)
class OidcIdentityConfiguration {

  @Bean
  IdentityClaims identityClaims(AuthProperties auth) {
    return new IdentityClaims(auth.oidc());
  }

  /** The issuer's keys are fetched on the first token, not at start-up: Runway starts while the IdP is down. */
  @Bean
  JwtDecoder jwtDecoder(AuthProperties auth, Environment environment) {
    AuthProperties.Oidc oidc = auth.oidc();
    boolean servesApi = environment.getProperty("runway.role.api", Boolean.class, true);
    if (!servesApi && (isBlank(oidc.issuerUri()) && isBlank(oidc.jwkSetUri()) || oidc.audiences().isEmpty())) {
      // a worker-only process serves actuator alone: it needs no identity provider to start
      return token -> {
        throw new BadJwtException("this worker-only instance accepts no tokens");
      };
    }
    if (isBlank(oidc.issuerUri()) && isBlank(oidc.jwkSetUri())) {
      throw new IllegalStateException("runway.auth.mode=oidc needs runway.auth.oidc.issuer-uri (RUNWAY_AUTH_OIDC_ISSUER_URI) "
          + "or runway.auth.oidc.jwk-set-uri; or use runway.auth.mode=demo in the embedded profile");
    }
    if (oidc.audiences().isEmpty()) {
      throw new IllegalStateException("runway.auth.mode=oidc needs runway.auth.oidc.audiences (RUNWAY_AUTH_OIDC_AUDIENCES): "
          + "the audience the identity provider puts in Runway's tokens, so tokens issued for other applications are refused");
    }
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(isBlank(oidc.issuerUri()) ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(oidc.issuerUri()));
    validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
        aud -> aud != null && aud.stream().anyMatch(oidc.audiences()::contains)));
    OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
    return new SupplierJwtDecoder(() -> {
      NimbusJwtDecoder decoder = isBlank(oidc.jwkSetUri())
          ? NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri()).build()
          : NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()).build();
      decoder.setJwtValidator(validator);
      return decoder;
    });
  }

  @Bean
  ApiLogin bearerTokens(JwtDecoder decoder, IdentityClaims claims) {
    return new ApiLogin() {
      @Override
      public void configure(HttpSecurity http, AuthenticationEntryPoint entryPoint) throws Exception {
        http.oauth2ResourceServer(server -> server
            .authenticationEntryPoint(entryPoint)
            .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> authentication(token, claims))));
      }

      @Override
      public String challenge() {
        return "Bearer realm=\"runway\"";
      }
    };
  }

  static JwtAuthenticationToken authentication(Jwt token, IdentityClaims claims) {
    List<GrantedAuthority> groups =
        claims.runwayGroups(token.getClaims()).stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    return new JwtAuthenticationToken(token, groups, claims.username(token.getClaims()));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
