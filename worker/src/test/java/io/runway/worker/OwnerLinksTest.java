package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Owners are free text; one that names a Runway user (here a demo user, known from start-up) is
 * linked to them: the initiative is theirs under "mine" and they get the owner's notifications. An
 * owner who names no user still works, and the initiative says which owners are not linked.
 */
class OwnerLinksTest extends ApiTestSupport {

  private String launchOwnedBy(String business, String technical) {
    String key = uniqueKey("owners");
    Map<String, Object> body = new LinkedHashMap<>(completeLaunch(key, "MINIMAL"));
    body.put("owners", Map.of("business", business, "technical", technical, "operations", "oli.owner"));
    Api.Response launched = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", body);
    assertThat(launched.status()).as(launched.raw()).isEqualTo(201);
    return key;
  }

  @Test
  void theInitiativeSaysWhichOwnersAreLinkedToRunwayUsersAndWhichAreNot() {
    String key = launchOwnedBy("Legal-2", "tim.owner");

    JsonNode links = await("the owners' links", () -> api.get("auditor-1", "/api/v1/initiatives/" + key).json(),
        v -> v.path("ownerLinks").size() == 3).path("ownerLinks");

    assertThat(links.get(0).path("role").asString()).isEqualTo("business");
    assertThat(links.get(0).path("name").asString()).isEqualTo("Legal-2");
    assertThat(links.get(0).path("user").asString()).isEqualTo("legal-2");
    assertThat(links.get(1).path("name").asString()).isEqualTo("tim.owner");
    assertThat(links.get(1).path("user").isNull()).as("no Runway user is called tim.owner").isTrue();
  }

  @Test
  void aLinkedOwnerSeesTheInitiativeUnderMineAndGetsTheOwnersNotifications() {
    String key = launchOwnedBy("legal-2", "tim.owner");
    await(key + " under legal-2's mine", () -> api.get("legal-2", "/api/v1/initiatives?mine=true&size=200").json(),
        mine -> mine.path("items").valueStream().anyMatch(i -> i.path("key").asString().equals(key)));
    JsonNode notMine = api.get("legal-1", "/api/v1/initiatives?mine=true&size=200").json();
    assertThat(notMine.path("items").valueStream().map(i -> i.path("key").asString())).doesNotContain(key);

    JsonNode security = openTask(key, "SECURITY_REVIEW");
    Api.Response changes = new LifecycleSteps(api).complete("security-1", security, "REQUEST_CHANGES", "add rate limiting", false);
    assertThat(changes.status()).as(changes.raw()).isEqualTo(200);
    JsonNode notification = await("the owners' notification",
        () -> api.get("auditor-1", "/api/v1/notifications?initiativeKey=" + key).json().path("items"),
        items -> items.valueStream().anyMatch(n -> n.path("kind").asString().equals("CHANGES_REQUESTED")))
        .valueStream().filter(n -> n.path("kind").asString().equals("CHANGES_REQUESTED")).findFirst().orElseThrow();
    assertThat(notification.path("recipients").valueStream().map(JsonNode::asString)).contains("user:legal-2", "user:tim.owner");
  }
}
