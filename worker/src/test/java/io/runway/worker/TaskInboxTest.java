package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The inbox filters, over read-model rows written here as the projection would write them, so
 * due dates in the past (overdue) and every status exist without waiting for real SLAs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskInboxTest extends ApiTestSupport {

  private final String key = uniqueKey("inbox");
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @Autowired JdbcClient jdbc;

  @BeforeAll
  void projectFixtures() {
    jdbc.sql(
            """
            insert into initiative (key, workflow_id, name, risk_tier, stage, last_seq, launched_at, view)
            values (?, ?, 'Inbox fixture', 'HIGH', 'SECURITY_REVIEW', 1, now(), '{}'::jsonb)""")
        .params(key, Lifecycle.workflowId(key))
        .update();
    task("open-unclaimed", Gate.SECURITY_REVIEW, "security", List.of(), TaskStatus.OPEN, null, Duration.ofDays(3));
    task("open-claimed-overdue", Gate.SECURITY_REVIEW, "security", List.of(), TaskStatus.OPEN, "security-1", Duration.ofDays(-1));
    task("completed", Gate.SECURITY_REVIEW, "security", List.of(), TaskStatus.COMPLETED, "security-2", Duration.ofDays(-2));
    task("legal-open", Gate.LEGAL_REVIEW, "legal", List.of(), TaskStatus.OPEN, null, Duration.ofDays(5));
    task("findings", Gate.LEGAL_REVIEW, Lifecycle.PROGRAM_OFFICE, List.of("engineering-2"), TaskStatus.OPEN, null, Duration.ofDays(4));
  }

  @Test
  void aReviewerSeesTheOpenTasksOfTheirGroupSoonestDueFirst() {
    assertThat(ids("security-2", "")).containsExactly(id("open-claimed-overdue"), id("open-unclaimed"));
  }

  @Test
  void assigneeMeShowsOnlyTheCallersClaimedTasks() {
    assertThat(ids("security-1", "&assignee=me")).containsExactly(id("open-claimed-overdue"));
    assertThat(ids("security-2", "&assignee=me")).isEmpty();
  }

  @Test
  void overdueShowsOnlyTasksPastTheirDueDate() {
    assertThat(ids("security-2", "&overdue=true")).containsExactly(id("open-claimed-overdue"));
  }

  @Test
  void statusSelectsCompletedTasksInsteadOfOpenOnes() {
    assertThat(ids("security-2", "&status=COMPLETED")).containsExactly(id("completed"));
  }

  @Test
  void askingForAnotherGroupsTasksIsForbidden() {
    Api.Response response = api.get("security-1", "/api/v1/tasks?candidateGroup=legal&initiativeKey=" + key);

    assertProblem(response, 403);
    assertThat(response.detail()).contains("legal");
  }

  @Test
  void anAuditorMaySeeAnyGroupAndByDefaultEveryGroup() {
    assertThat(ids("auditor-1", "&candidateGroup=legal")).containsExactly(id("legal-open"));
    assertThat(ids("auditor-1", ""))
        .containsExactly(id("open-claimed-overdue"), id("open-unclaimed"), id("findings"), id("legal-open"));
  }

  @Test
  void aNamedCandidateSeesTheFindingsTaskOutsideTheirGroup() {
    assertThat(ids("engineering-2", "")).containsExactly(id("findings"));
    assertThat(ids("engineering-1", "")).isEmpty();
  }

  @Test
  void pagingReportsTheTotalAcrossPages() {
    JsonNode page = api.get("auditor-1", "/api/v1/tasks?size=1&page=1&initiativeKey=" + key).json();

    assertThat(page.path("total").asLong()).isEqualTo(4);
    assertThat(page.path("items").size()).isEqualTo(1);
    assertThat(page.path("items").get(0).path("id").asString()).isEqualTo(id("open-unclaimed"));
  }

  @Test
  void anUnknownStatusListsTheAllowedValues() {
    Api.Response response = api.get("security-1", "/api/v1/tasks?status=LOST");

    assertProblem(response, 422);
    assertThat(response.json().path("errors").get(0).path("allowedValues").toString()).contains("OPEN", "COMPLETED");
  }

  @Test
  void aTaskStoredByAnOlderVersionIsStillListedAndShown() {
    String older = uniqueKey("inbox-older");
    jdbc.sql(
            """
            insert into initiative (key, workflow_id, name, risk_tier, stage, last_seq, launched_at, view)
            values (?, ?, 'Stored before an upgrade', 'HIGH', 'SECURITY_REVIEW', 1, now(), '{}'::jsonb)""")
        .params(older, Lifecycle.workflowId(older))
        .update();
    String id = older + ".open";
    TaskView view =
        new TaskView(
            id, older, Gate.SECURITY_REVIEW, TaskKind.GATE_REVIEW, 1, "security", List.of(), TaskStatus.OPEN, null,
            now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), List.of("threat-model"), 1, List.of(), null,
            null, null, null, 0, Map.of(), List.of(), null, List.of(), Map.of(), false);
    // as a version before the metrics gate wrote it (no awaitingMetrics), and as a later one might (a new field)
    tools.jackson.databind.node.ObjectNode stored = Api.JSON.valueToTree(view);
    stored.remove("awaitingMetrics");
    stored.put("addedByALaterVersion", "ignored");
    jdbc.sql(
            """
            insert into task (id, workflow_id, initiative_key, gate, kind, round, candidate_group, candidate_users,
                              status, assignee, risk_tier, created_at, due_at, view)
            values (?, ?, ?, 'SECURITY_REVIEW', 'GATE_REVIEW', 1, 'security', '{}', 'OPEN', null, 'HIGH', now(), ?, ?::jsonb)""")
        .params(id, Lifecycle.workflowId(older), older, Timestamp.from(view.dueAt()), stored.toString())
        .update();

    Api.Response list = api.get("security-1", "/api/v1/tasks?initiativeKey=" + older);
    assertThat(list.status()).as(list.raw()).isEqualTo(200);
    assertThat(list.json().path("items").get(0).path("id").asString()).isEqualTo(id);
    assertThat(list.json().path("items").get(0).path("awaitingMetrics").asBoolean(true)).isFalse();
    Api.Response one = api.get("security-1", "/api/v1/tasks/" + id);
    assertThat(one.status()).as(one.raw()).isEqualTo(200);
  }

  private List<String> ids(String user, String filters) {
    Api.Response response = api.get(user, "/api/v1/tasks?initiativeKey=" + key + filters);
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().path("items").forEach(item -> ids.add(item.path("id").asString()));
    return ids;
  }

  private String id(String name) {
    return key + "." + name;
  }

  private void task(
      String name, Gate gate, String group, List<String> users, TaskStatus status, String assignee, Duration dueIn) {
    Instant due = now.plus(dueIn);
    TaskKind kind = users.isEmpty() ? TaskKind.GATE_REVIEW : TaskKind.ADDRESS_FINDINGS;
    TaskView view =
        new TaskView(
            id(name), key, gate, kind, 1, group, users, status, assignee, now.minus(Duration.ofDays(7)), due,
            List.of("threat-model"), 1, List.of(), null, null, null, null, 0, Map.of(), List.of(), null, List.of(), Map.of(), false);
    jdbc.sql(
            """
            insert into task (id, workflow_id, initiative_key, gate, kind, round, candidate_group, candidate_users,
                              status, assignee, risk_tier, created_at, due_at, view)
            values (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 'HIGH', ?, ?, ?::jsonb)""")
        .params(
            id(name), Lifecycle.workflowId(key), key, gate.name(), kind.name(), group, users.toArray(String[]::new),
            status.name(), assignee, Timestamp.from(view.createdAt()), Timestamp.from(due), Api.JSON.writeValueAsString(view))
        .update();
  }
}
