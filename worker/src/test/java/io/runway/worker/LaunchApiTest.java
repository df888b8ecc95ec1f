package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.Lifecycle;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class LaunchApiTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;

  @Test
  void launchingTheSamePayloadTwiceGivesTheSameAnswerAndStartsOneWorkflow() {
    String key = uniqueKey("same-twice");
    Api.Response first = launch(key, "LIMITED");
    Api.Response second = launch(key, "LIMITED");

    assertThat(second.json()).isEqualTo(first.json());
    assertThat(first.location()).endsWith("/api/v1/initiatives/" + key);
    JsonNode body = first.json();
    assertThat(body.path("workflowId").asString()).isEqualTo(Lifecycle.workflowId(key));
    assertThat(body.path("stage").asString()).isEqualTo("INTAKE");
    assertThat(body.path("riskTier").asString()).isEqualTo("LIMITED");
    assertThat(body.path("acceptedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(body.path("links").path("self").asString()).isEqualTo("/api/v1/initiatives/" + key);
    long starts =
        temporal.fetchHistory(Lifecycle.workflowId(key)).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
            .count();
    assertThat(starts).isEqualTo(1);
  }

  @Test
  void theSameKeyWithADifferentPayloadIsAConflict() {
    String key = uniqueKey("reused-key");
    launch(key, "LIMITED");
    Map<String, Object> different = completeLaunch(key, "LIMITED");
    different.put("name", "Something else entirely");

    Api.Response response = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", different);

    assertProblem(response, 409);
    assertThat(response.detail()).contains(key).contains("different request");
  }

  @Test
  void aProhibitedInitiativeEndsRejectedWithTheReason() {
    String key = uniqueKey("prohibited");
    launch(key, "PROHIBITED");

    JsonNode view =
        await(
            "rejection of " + key,
            () -> api.get(PROGRAM_OFFICE, "/api/v1/initiatives/" + key).json(),
            v -> "REJECTED".equals(v.path("stage").asString()));

    assertThat(view.path("outcomeReason").asString()).contains("PROHIBITED");
    assertThat(view.path("timeline").size()).isPositive();
  }

  @Test
  void aLaunchIsVisibleAtOnceEvenBeforeItIsProjected() {
    String key = uniqueKey("visible");
    launch(key, "MINIMAL");

    Api.Response response = api.get("auditor-2", "/api/v1/initiatives/" + key);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("key").asString()).isEqualTo(key);
    assertThat(response.json().path("request").path("name").asString()).isEqualTo("Test initiative " + key);
  }

  @Test
  void onlyTheProgramOfficeLaunches() {
    Api.Response response = api.post("security-1", "/api/v1/initiatives", completeLaunch(uniqueKey("nope"), "HIGH"));

    assertProblem(response, 403);
    assertThat(response.detail()).contains("Only program-office may launch an initiative");
  }

  @Test
  void anInvalidKeyIsRefusedNamingTheField() {
    Api.Response response = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", completeLaunch("Bad Key!", "HIGH"));

    assertProblem(response, 422);
    assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("key");
  }

  @Test
  void aMissingNameIsRefusedNamingTheField() {
    Map<String, Object> body = completeLaunch(uniqueKey("nameless"), "HIGH");
    body.remove("name");

    Api.Response response = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", body);

    assertProblem(response, 422);
    assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
  }

  @Test
  void anUnknownRiskTierIsRefusedListingTheAllowedValues() {
    Api.Response response =
        api.post(PROGRAM_OFFICE, "/api/v1/initiatives", completeLaunch(uniqueKey("tier"), "EXTREME"));

    assertProblem(response, 422);
    JsonNode error = response.json().path("errors").get(0);
    assertThat(error.path("field").asString()).isEqualTo("riskTier");
    assertThat(error.path("allowedValues").toString()).contains("MINIMAL", "LIMITED", "HIGH", "PROHIBITED");
    assertThat(response.detail()).contains("EXTREME");
  }

  @Test
  void malformedJsonIsABadRequestSayingWhere() {
    Api.Response response = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", "{\"key\": \"abc\", ");

    assertProblem(response, 400);
    assertThat(response.detail()).startsWith("Malformed JSON");
  }

  @Test
  void aFieldOfTheWrongTypeIsABadRequestNamingIt() {
    Map<String, Object> body = completeLaunch(uniqueKey("types"), "HIGH");
    body.put("kpis", "fast");

    Api.Response response = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", body);

    assertProblem(response, 400);
    assertThat(response.detail()).contains("kpis");
  }
}
