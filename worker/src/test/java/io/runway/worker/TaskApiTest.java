package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Task and initiative commands through the API down to the workflow's update validators and back. */
class TaskApiTest extends ApiTestSupport {

  @Test
  void aReviewerOutsideTheCandidateGroupCannotClaimOrComplete() {
    String taskId = securityTask(launchLimited());

    assertProblem(api.post("legal-1", "/api/v1/tasks/" + taskId + "/claim", ""), 403);
    Api.Response complete = api.post("legal-1", "/api/v1/tasks/" + taskId + "/complete", Map.of("decision", "APPROVE"));
    assertProblem(complete, 403);
    assertThat(complete.detail()).contains("security");
  }

  @Test
  void aTaskClaimedBySomeoneElseCannotBeClaimedAgain() {
    String taskId = securityTask(launchLimited());

    Api.Response first = api.post("security-1", "/api/v1/tasks/" + taskId + "/claim", "");
    Api.Response second = api.post("security-2", "/api/v1/tasks/" + taskId + "/claim", "");

    assertThat(first.status()).as(first.raw()).isEqualTo(200);
    assertThat(first.json().path("assignee").asString()).isEqualTo("security-1");
    assertProblem(second, 409);
  }

  @Test
  void releasingAClaimLetsAColleagueClaim() {
    String taskId = securityTask(launchLimited());
    api.post("security-1", "/api/v1/tasks/" + taskId + "/claim", "");

    Api.Response released = api.post("security-1", "/api/v1/tasks/" + taskId + "/unclaim", "");
    Api.Response claimed = api.post("security-2", "/api/v1/tasks/" + taskId + "/claim", "");

    assertThat(released.status()).as(released.raw()).isEqualTo(200);
    assertThat(claimed.json().path("assignee").asString()).as(claimed.raw()).isEqualTo("security-2");
  }

  @Test
  void approvingWithoutTheRequiredEvidenceNamesTheMissingKinds() {
    String key = launchLimited();
    JsonNode task = openTask(key, "SECURITY_REVIEW");
    String taskId = task.path("id").asString();
    api.post("security-1", "/api/v1/tasks/" + taskId + "/claim", "");

    Api.Response response =
        api.post("security-1", "/api/v1/tasks/" + taskId + "/complete", Map.of("decision", "APPROVE"));

    assertProblem(response, 422);
    assertThat(task.path("requiredEvidence").size()).isPositive();
    task.path("requiredEvidence").forEach(kind -> assertThat(response.detail()).contains(kind.asString()));
  }

  @Test
  void aCompletedTaskCannotBeCompletedAgain() {
    String key = launchLimited();
    JsonNode task = openTask(key, "SECURITY_REVIEW");
    String taskId = task.path("id").asString();
    api.post("security-1", "/api/v1/tasks/" + taskId + "/claim", "");
    Map<String, Object> approval = Map.of("decision", "APPROVE", "comment", "ok", "evidence", evidenceFor(task));

    Api.Response approved = api.post("security-1", "/api/v1/tasks/" + taskId + "/complete", approval);
    Api.Response again = api.post("security-1", "/api/v1/tasks/" + taskId + "/complete", approval);

    assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    assertThat(approved.json().path("status").asString()).isEqualTo("COMPLETED");
    assertProblem(again, 409);
  }

  @Test
  void anUnknownTaskIsNotFound() {
    Api.Response response = api.post("security-1", "/api/v1/tasks/no-such.task.1/claim", "");

    assertProblem(response, 404);
    assertThat(response.detail()).contains("no-such.task.1");
  }

  @Test
  void aTaskCompletionWithoutADecisionNamesTheField() {
    String taskId = securityTask(launchLimited());

    Api.Response response = api.post("security-1", "/api/v1/tasks/" + taskId + "/complete", Map.of("comment", "hm"));

    assertProblem(response, 422);
    assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("decision");
  }

  @Test
  void evidenceAttachedToAnInitiativeShowsInItsView() {
    String key = launchLimited();
    openTask(key, "SECURITY_REVIEW");
    Map<String, Object> evidence =
        Map.of("gate", "SECURITY_REVIEW", "kind", "threat-model", "title", "STRIDE", "uri", "https://docs.example.com/tm");

    Api.Response response = api.post(PROGRAM_OFFICE, "/api/v1/initiatives/" + key + "/evidence", evidence);

    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    assertThat(response.json().path("evidence").toString()).contains("https://docs.example.com/tm");
  }

  @Test
  void aWithdrawnInitiativeCannotBeWithdrawnAgain() {
    String key = launchLimited();
    Map<String, String> reason = Map.of("reason", "business case gone");

    Api.Response first = api.post(PROGRAM_OFFICE, "/api/v1/initiatives/" + key + "/withdraw", reason);
    await(
        key + " withdrawn",
        () -> api.get(PROGRAM_OFFICE, "/api/v1/initiatives/" + key).json().path("stage").asString(),
        "WITHDRAWN"::equals);
    Api.Response second = api.post(PROGRAM_OFFICE, "/api/v1/initiatives/" + key + "/withdraw", reason);

    assertThat(first.status()).as(first.raw()).isEqualTo(202);
    assertProblem(second, 409);
  }

  @Test
  void onlyTheProgramOfficeWithdraws() {
    String key = launchLimited();

    assertProblem(api.post("operations-1", "/api/v1/initiatives/" + key + "/withdraw", Map.of("reason", "no")), 403);
  }

  @Test
  void retiringOrReportingEventsBeforeProductionIsAConflict() {
    String key = launchLimited();
    openTask(key, "SECURITY_REVIEW");

    Api.Response retire = api.post("operations-1", "/api/v1/initiatives/" + key + "/retire", Map.of("reason", "old"));
    Api.Response event =
        api.post("operations-1", "/api/v1/initiatives/" + key + "/events", Map.of("type", "INCIDENT", "detail", "down"));

    assertProblem(retire, 409);
    assertThat(retire.detail()).contains("IN_PRODUCTION");
    assertProblem(event, 409);
  }

  @Test
  void commandsOnAnUnknownInitiativeAreNotFound() {
    assertProblem(api.post(PROGRAM_OFFICE, "/api/v1/initiatives/nobody-here/withdraw", Map.of("reason", "x")), 404);
  }

  private String launchLimited() {
    String key = uniqueKey("tasks");
    launch(key, "LIMITED");
    return key;
  }

  private String securityTask(String key) {
    return openTask(key, "SECURITY_REVIEW").path("id").asString();
  }

  private static List<Map<String, String>> evidenceFor(JsonNode task) {
    List<Map<String, String>> evidence = new ArrayList<>();
    task.path("requiredEvidence")
        .forEach(
            kind ->
                evidence.add(
                    Map.of("kind", kind.asString(), "title", "Report " + kind.asString(),
                        "uri", "https://docs.example.com/" + kind.asString())));
    return evidence;
  }
}
