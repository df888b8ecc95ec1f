package io.runway.activities.projection;

import static io.runway.activities.projection.Snapshots.WORKFLOW_ID;
import static io.runway.activities.projection.Snapshots.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runway.activities.testing.PostgresExtension;
import io.runway.lifecycle.model.InitiativeSnapshot;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskStatus;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

@ExtendWith(PostgresExtension.class)
class JdbcProjectionActivitiesTest {

  private static final List<String> TABLES = List.of("initiative", "gate", "task", "evidence", "timeline");

  private final JdbcClient jdbc;
  private final JdbcProjectionActivities projection;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  JdbcProjectionActivitiesTest(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.projection = new JdbcProjectionActivities(new JdbcTemplate(dataSource),
        new JdbcTransactionManager(dataSource), meters);
  }

  private String one(String sql) {
    return jdbc.sql(sql).query(String.class).single();
  }

  private List<String> list(String sql) {
    return jdbc.sql(sql).query(String.class).list();
  }

  /** Every row of every read-model table, updated_at included, as JSON text. */
  private String readModel() {
    StringBuilder all = new StringBuilder();
    for (String table : TABLES) {
      all.append(one("select coalesce(jsonb_agg(to_jsonb(t) order by to_jsonb(t)::text), '[]')::text from " + table + " t"));
    }
    return all.toString();
  }

  @Test
  void snapshotIsWrittenToInitiativeGateTaskEvidenceAndTimeline() {
    projection.project(Snapshots.inReview(List.of(entry(1, "LAUNCHED"), entry(2, "GATE_OPENED"))));

    assertThat(one("select concat_ws('|', key, workflow_id, name, business_unit, risk_tier, stage, policy_version,"
        + " owner_business, owner_technical, owner_operations, sponsor, launched_by, model_name, model_version, last_seq)"
        + " from initiative")).isEqualTo(
        "fraud-scoring|initiative-fraud-scoring|Fraud scoring|Payments|HIGH|SECURITY_REVIEW|2026.12-1|alice|bob|carol|dave|paula|fraud-model|3|4");
    assertThat(one("select to_char(launched_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI') from initiative")).isEqualTo("2026-11-23T09:00");
    assertThat(one("select view ->> 'launchedAt' from initiative")).isEqualTo("2026-11-23T09:00:00Z");
    assertThat(one("select view -> 'tasks' -> 0 ->> 'dueAt' from initiative")).isEqualTo("2026-11-23T13:01:00Z");
    assertThat(list("select concat_ws('|', gate, status, candidate_group, round, array_to_string(decided_by, ','), ticket_system, ticket_id, ticket_url)"
        + " from gate where workflow_id = 'initiative-fraud-scoring' order by gate")).containsExactly(
        "LEGAL_REVIEW|OPEN|legal|1|",
        "SECURITY_REVIEW|APPROVED|security|1|erin|local|RWY-1|/api/v1/tickets/RWY-1");
    assertThat(list("select concat_ws('|', id, initiative_key, gate, kind, status, risk_tier, candidate_group, decision,"
        + " array_to_string(required_evidence, ','), view ->> 'id') from task order by id")).containsExactly(
        "fraud-scoring.legal-review.1|fraud-scoring|LEGAL_REVIEW|GATE_REVIEW|OPEN|HIGH|legal|threat-model,pen-test-report|fraud-scoring.legal-review.1",
        "fraud-scoring.security-review.1|fraud-scoring|SECURITY_REVIEW|GATE_REVIEW|COMPLETED|HIGH|security|APPROVE|threat-model,pen-test-report|fraud-scoring.security-review.1");
    assertThat(one("select concat_ws('|', id, gate, kind, title, uri, sha256, added_by) from evidence"))
        .isEqualTo("ev-1|SECURITY_REVIEW|threat-model|Threat model v2|https://wiki.example/tm|ab12|bob");
    assertThat(list("select seq || ' ' || type from timeline order by seq")).containsExactly("1 LAUNCHED", "2 GATE_OPENED");
  }

  @Test
  void timeInGateIsRecordedOnceWhenTheProjectionFirstSeesTheDecision() {
    InitiativeSnapshot review = Snapshots.inReview(List.of(entry(1, "LAUNCHED")));
    projection.project(review);
    projection.project(review);
    projection.project(Snapshots.inDataReadiness(List.of()));

    Timer security = meters.get("runway.gate.duration").tags("gate", "SECURITY_REVIEW", "team", "security", "outcome", "APPROVED").timer();
    assertThat(security.count()).as("a re-applied snapshot and a later one showing the same decision add nothing").isEqualTo(1);
    assertThat(security.totalTime(TimeUnit.MINUTES)).isEqualTo(29);
    assertThat(meters.get("runway.gate.duration").tags("gate", "LEGAL_REVIEW", "team", "legal").timer().count()).isEqualTo(1);
  }

  @Test
  void applyingTheSameSnapshotTwiceChangesNothing() {
    InitiativeSnapshot snapshot = Snapshots.inReview(List.of(entry(1, "LAUNCHED")));
    projection.project(snapshot);
    String once = readModel();

    projection.project(snapshot);

    assertThat(readModel()).isEqualTo(once);
  }

  @Test
  void olderSnapshotAfterANewerOneLeavesTheNewerState() {
    projection.project(Snapshots.inDataReadiness(List.of()));
    String newer = readModel();

    projection.project(Snapshots.inReview(List.of()));

    assertThat(readModel()).isEqualTo(newer);
    assertThat(one("select stage from initiative")).isEqualTo(Stage.DATA_READINESS.name());
    assertThat(one("select status from task where id = 'fraud-scoring.legal-review.1'")).isEqualTo(TaskStatus.COMPLETED.name());
  }

  @Test
  void olderSnapshotStillAddsTheTimelineEntriesItCarries() {
    projection.project(Snapshots.inDataReadiness(List.of(entry(5, "GATE_APPROVED"))));

    projection.project(Snapshots.inReview(List.of(entry(3, "EVIDENCE_ADDED"))));

    assertThat(list("select seq || ' ' || type from timeline order by seq")).containsExactly("3 EVIDENCE_ADDED", "5 GATE_APPROVED");
    assertThat(one("select stage from initiative")).isEqualTo("DATA_READINESS");
  }

  @Test
  void timelineEntriesCarriedByTwoSnapshotsAreWrittenOnce() {
    projection.project(Snapshots.inReview(List.of(entry(1, "LAUNCHED"), entry(2, "GATE_OPENED"))));
    projection.project(Snapshots.inDataReadiness(List.of(entry(2, "GATE_OPENED"), entry(3, "GATE_APPROVED"))));

    assertThat(list("select seq || ' ' || type from timeline where workflow_id = '" + WORKFLOW_ID + "' order by seq"))
        .containsExactly("1 LAUNCHED", "2 GATE_OPENED", "3 GATE_APPROVED");
  }

  @Test
  void newerSnapshotUpdatesTasksAndAddsNewOnes() {
    projection.project(Snapshots.inReview(List.of()));
    projection.project(Snapshots.inDataReadiness(List.of()));

    assertThat(list("select id || ' ' || status from task order by id")).containsExactly(
        "fraud-scoring.data-readiness.1 OPEN", "fraud-scoring.legal-review.1 COMPLETED", "fraud-scoring.security-review.1 COMPLETED");
    assertThat(one("select last_seq::text from initiative")).isEqualTo("9");
  }

  @Test
  void gateNoLongerInTheViewIsRemoved() {
    projection.project(Snapshots.inDataReadiness(List.of()));
    InitiativeSnapshot reclassified = Snapshots.snapshot(12, Stage.SECURITY_REVIEW, RiskTier.LIMITED,
        List.of(Snapshots.inReview(List.of()).view().gates().getFirst()), List.of(), List.of(), List.of());

    projection.project(reclassified);

    assertThat(list("select gate from gate")).containsExactly("SECURITY_REVIEW");
    assertThat(list("select distinct risk_tier from task")).containsExactly("HIGH");
  }

  @Test
  void initiativeNotYetClassifiedIsProjectedWithoutATier() {
    InitiativeSnapshot intake = Snapshots.snapshot(1, Stage.INTAKE, null, List.of(),
        List.of(Snapshots.task("fraud-scoring.intake.1", null, "program-office", TaskStatus.OPEN, null, null)),
        List.of(), List.of(entry(1, "LAUNCHED")));
    InitiativeSnapshot unclassified = new InitiativeSnapshot(1,
        new InitiativeView(intake.view().key(), WORKFLOW_ID, Snapshots.request(null), null,
            Stage.INTAKE, "2026.12-1", "paula", Snapshots.LAUNCHED, null, null, null, List.of(), intake.view().tasks(),
            List.of(), List.of()),
        intake.newTimeline());

    projection.project(unclassified);

    assertThat(list("select coalesce(risk_tier, 'none') || ' ' || stage from initiative")).containsExactly("none INTAKE");
    assertThat(list("select id || ' ' || candidate_group from task where risk_tier is null"))
        .containsExactly("fraud-scoring.intake.1 program-office");
  }
}
