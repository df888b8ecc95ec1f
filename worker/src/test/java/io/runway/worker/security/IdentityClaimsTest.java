package io.runway.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityClaimsTest {

  private static IdentityClaims claims(String groupsClaim, Map<String, String> mapping) {
    return new IdentityClaims(new AuthProperties.Oidc("https://idp.example", null, List.of("runway"), groupsClaim,
        "preferred_username", mapping, null, null, List.of("openid")));
  }

  @Test
  void mapsIdpGroupsAndKeepsRunwayGroupNamesDroppingTheRest() {
    var groups = claims("groups", Map.of("/ai/sec", "security")).runwayGroups(
        Map.of("groups", List.of("/ai/sec", "auditor", "marketing")));

    assertThat(groups).containsExactlyInAnyOrder("security", "auditor");
  }

  @Test
  void readsANestedClaimByItsDottedPath() {
    var groups = claims("realm_access.roles", Map.of()).runwayGroups(
        Map.of("realm_access", Map.of("roles", List.of("legal", "offline_access"))));

    assertThat(groups).containsExactly("legal");
  }

  @Test
  void prefersAClaimWhoseOwnNameHasDots() {
    var groups = claims("https://example.com/groups", Map.of()).runwayGroups(
        Map.of("https://example.com/groups", List.of("operations")));

    assertThat(groups).containsExactly("operations");
  }

  @Test
  void acceptsASpaceSeparatedStringClaim() {
    assertThat(claims("scope", Map.of()).runwayGroups(Map.of("scope", "openid engineering")))
        .containsExactly("engineering");
  }

  @Test
  void noGroupsClaimMeansNoGroups() {
    assertThat(claims("groups", Map.of()).runwayGroups(Map.of("sub", "x"))).isEmpty();
  }

  @Test
  void namesTheUserByTheConfiguredClaimElseBySubject() {
    IdentityClaims claims = claims("groups", Map.of());
    assertThat(claims.username(Map.of("preferred_username", "ana", "sub", "123"))).isEqualTo("ana");
    assertThat(claims.username(Map.of("sub", "123"))).isEqualTo("123");
  }

  @Test
  void refusesAMappingToSomethingThatIsNotARunwayGroup() {
    assertThatThrownBy(() -> claims("groups", Map.of("sec", "secops")))
        .hasMessageContaining("maps 'sec' to 'secops', which is not a Runway group");
  }
}
