package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The local records' lists answer the same paged envelope as every other list of the API. */
class RecordListsTest extends ApiTestSupport {

  @Test
  void ticketsAreListedInThePagedEnvelope() {
    String key = uniqueKey("tickets-page");
    launch(key, "LIMITED");
    // LIMITED opens security and legal review together: one ticket each
    JsonNode page = await("both phase-1 tickets", () -> api.get("auditor-1", "/api/v1/tickets?initiativeKey=" + key).json(),
        body -> body.path("total").asLong() == 2);

    assertEnvelope(page, 0, 20, 2);
    assertThat(page.path("items").valueStream().map(t -> t.path("gate").asString()).toList())
        .containsExactlyInAnyOrder("SECURITY_REVIEW", "LEGAL_REVIEW");
    JsonNode second = api.get("auditor-1", "/api/v1/tickets?initiativeKey=" + key + "&size=1&page=1").json();
    assertEnvelope(second, 1, 1, 2);
    assertThat(second.path("items")).hasSize(1);
    assertThat(second.path("items").get(0).path("id").asString())
        .isNotEqualTo(api.get("auditor-1", "/api/v1/tickets?initiativeKey=" + key + "&size=1&page=0").json()
            .path("items").get(0).path("id").asString());
  }

  @Test
  void notificationsAreListedInThePagedEnvelope() {
    JsonNode page = api.get("auditor-1", "/api/v1/notifications?size=5").json();

    assertEnvelope(page, 0, 5, page.path("total").asLong());
    assertThat(page.path("items").size()).isLessThanOrEqualTo(5);
  }

  @Test
  void aPageSizeOutOfBoundsIsRefusedOnTheRecordLists() {
    for (String path : List.of("/api/v1/tickets?size=0", "/api/v1/notifications?size=500", "/api/v1/tickets?page=-1")) {
      assertProblem(api.get("auditor-1", path), 422);
    }
  }

  private static void assertEnvelope(JsonNode body, int page, int size, long total) {
    assertThat(body.isObject()).as(body.toString()).isTrue();
    assertThat(body.path("items").isArray()).as(body.toString()).isTrue();
    assertThat(body.path("page").asInt()).isEqualTo(page);
    assertThat(body.path("size").asInt()).isEqualTo(size);
    assertThat(body.path("total").asLong()).isEqualTo(total);
  }
}
