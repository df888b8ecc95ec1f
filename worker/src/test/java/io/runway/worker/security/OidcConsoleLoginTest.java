package io.runway.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** The console's OIDC sign-in maps people as the API maps tokens: Runway groups as authorities, the configured name. */
class OidcConsoleLoginTest {

  private static AuthProperties auth(String clientId) {
    return new AuthProperties("oidc", new AuthProperties.Oidc("https://idp.example/realms/acme", null, List.of("runway"),
        "groups", "preferred_username", Map.of("ai-board", "governance-board"), clientId, null, List.of("openid")),
        new AuthProperties.Throttle(5, java.time.Duration.ofMinutes(5)));
  }

  private static DefaultOidcUser signedIn(Map<String, Object> claims) {
    OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), claims);
    return new DefaultOidcUser(List.of(), token);
  }

  @Test
  void authoritiesAreTheMappedRunwayGroupsAndTheNameIsThePreferredUsername() {
    AuthProperties auth = auth("runway-console");
    OidcConsoleLogin login = new OidcConsoleLogin(auth, new IdentityClaims(auth.oidc()));

    var user = login.asRunwayUser(signedIn(Map.of("sub", "id-7", "preferred_username", "gina", "groups", List.of("ai-board", "staff"))));

    assertThat(user.getName()).isEqualTo("gina");
    assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("governance-board");
    assertThat(Actors.of(new org.springframework.security.authentication.TestingAuthenticationToken(user.getName(), null,
        List.copyOf(user.getAuthorities()))).groups()).containsExactly("governance-board");
  }

  @Test
  void fallsBackToTheSubjectWhenThereIsNoPreferredUsername() {
    AuthProperties auth = auth("runway-console");
    OidcConsoleLogin login = new OidcConsoleLogin(auth, new IdentityClaims(auth.oidc()));

    assertThat(login.asRunwayUser(signedIn(Map.of("sub", "id-7"))).getName()).isEqualTo("id-7");
  }

  @Test
  void refusesToConfigureWithoutAClientSayingWhatToSet() {
    AuthProperties auth = auth(null);
    OidcConsoleLogin login = new OidcConsoleLogin(auth, new IdentityClaims(auth.oidc()));

    assertThatThrownBy(() -> login.configure(null)).hasMessageContaining("runway.auth.oidc.client-id")
        .hasMessageContaining("/login/oauth2/code/runway");
  }
}
