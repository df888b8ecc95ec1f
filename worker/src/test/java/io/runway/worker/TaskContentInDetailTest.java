package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * F9: legal-1 may not read the security review's task (403), but read its comment, findings and
 * evidence in the initiative's detail and on its console page. The detail now applies the task read
 * rule: to those who may not read a task, it shows the task's status and dates, not its content.
 */
class TaskContentInDetailTest extends ApiTestSupport {

  private static final String SECRET_COMMENT = "SQL injection in the login form";
  private static final String SECRET_TITLE = "Pen test report, confidential";

  private String key;
  private String securityTask;

  @BeforeEach
  void aSecurityReviewWithFindings() {
    key = uniqueKey("redacted");
    launch(key, "LIMITED");
    JsonNode task = openTask(key, "SECURITY_REVIEW");
    securityTask = task.path("id").asString();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("decision", "REQUEST_CHANGES");
    body.put("comment", SECRET_COMMENT);
    body.put("evidence", List.of(Map.of("kind", "pen-test-report", "title", SECRET_TITLE,
        "uri", "https://vault.example/pentest-42")));
    Api.Response done = api.post("security-1", "/api/v1/tasks/" + securityTask + "/complete", body);
    assertThat(done.status()).as(done.raw()).isEqualTo(200);
    await("the findings task", () -> api.get("auditor-1", "/api/v1/initiatives/" + key).json(),
        v -> v.path("tasks").toString().contains("ADDRESS_FINDINGS"));
  }

  @Test
  void anotherGroupSeesTheTasksStatusAndDatesButNotItsContent() {
    assertProblem(api.get("legal-1", "/api/v1/tasks/" + securityTask), 403);

    JsonNode byLegal = api.get("legal-1", "/api/v1/initiatives/" + key).json();

    assertThat(byLegal.toString()).doesNotContain(SECRET_COMMENT, SECRET_TITLE, "pentest-42");
    JsonNode review = task(byLegal, securityTask);
    assertThat(review.path("status").asString()).isEqualTo("COMPLETED");
    assertThat(review.path("decision").asString()).isEqualTo("REQUEST_CHANGES");
    assertThat(review.path("completedAt").isNull()).isFalse();
    assertThat(review.path("comment").isNull()).isTrue();
    JsonNode evidence = byLegal.path("evidence").get(0);
    assertThat(evidence.path("kind").asString()).isEqualTo("pen-test-report");
    assertThat(evidence.path("title").isNull()).isTrue();
    assertThat(evidence.path("uri").isNull()).isTrue();
    JsonNode legal = byLegal.path("tasks").findParents("gate").stream()
        .filter(t -> t.path("gate").asString().equals("LEGAL_REVIEW")).findFirst().orElseThrow();
    assertThat(legal.path("status").asString()).as("their own group's task in full").isEqualTo("OPEN");
  }

  @Test
  void theTasksGroupAuditorsAndTheOwnersForTheirFindingsSeeTheContent() {
    for (String reader : List.of("security-2", "auditor-1", "admin-1")) {
      JsonNode view = api.get(reader, "/api/v1/initiatives/" + key).json();
      assertThat(view.toString()).as(reader).contains(SECRET_COMMENT, SECRET_TITLE);
    }
    JsonNode byProgramOffice = api.get("program-office-2", "/api/v1/initiatives/" + key).json();
    JsonNode findings = byProgramOffice.path("tasks").findParents("kind").stream()
        .filter(t -> t.path("kind").asString().equals("ADDRESS_FINDINGS")).findFirst().orElseThrow();
    assertThat(findings.path("findings").asString()).as("the findings task is the program office's to read")
        .isEqualTo(SECRET_COMMENT);
  }

  @Test
  void theConsolePageAppliesTheSameRule() {
    var byLegal = ConsoleSession.signIn(port, "legal-1").get("/console/initiatives/" + key);
    var bySecurity = ConsoleSession.signIn(port, "security-2").get("/console/initiatives/" + key);

    assertThat(byLegal.statusCode()).isEqualTo(200);
    assertThat(byLegal.body()).contains("SECURITY_REVIEW").doesNotContain(SECRET_COMMENT, SECRET_TITLE, "pentest-42");
    assertThat(bySecurity.body()).contains(SECRET_COMMENT, SECRET_TITLE);
  }

  private static JsonNode task(JsonNode view, String id) {
    for (JsonNode task : view.path("tasks")) {
      if (task.path("id").asString().equals(id)) {
        return task;
      }
    }
    throw new AssertionError("no task " + id + " in " + view);
  }
}
