package io.runway.activities.projection;

import static io.runway.activities.projection.Snapshots.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runway.activities.testing.PostgresExtension;
import io.runway.lifecycle.model.Evidence;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.InitiativeDelta;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.InitiativeSnapshot;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TimelineEntry;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Deltas against the real read model: a delta applied to the view it was computed from leaves every
 * table as the full snapshot of the later view would, and the seq rule of {@link InitiativeDelta}
 * holds (a retry changes nothing, a gap is refused as {@link InitiativeDelta#GAP} and writes nothing).
 */
@ExtendWith(PostgresExtension.class)
class JdbcDeltaProjectionTest {

  private static final List<String> TABLES = List.of("initiative", "gate", "task", "evidence", "timeline");

  private final JdbcClient jdbc;
  private final JdbcProjectionActivities projection;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  JdbcDeltaProjectionTest(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.projection = new JdbcProjectionActivities(new JdbcTemplate(dataSource), new JdbcTransactionManager(dataSource), meters);
  }

  private String one(String sql) {
    return jdbc.sql(sql).query(String.class).single();
  }

  private List<String> list(String sql) {
    return jdbc.sql(sql).query(String.class).list();
  }

  /** Every row of every read-model table but the time it was written, as JSON text. */
  private String readModel() {
    StringBuilder all = new StringBuilder();
    for (String table : TABLES) {
      all.append(one("select coalesce(jsonb_agg(to_jsonb(t) - 'updated_at' order by (to_jsonb(t) - 'updated_at')::text), '[]')::text from "
          + table + " t")).append('\n');
    }
    return all.toString();
  }

  private void clear() {
    TABLES.reversed().forEach(t -> jdbc.sql("delete from " + t).update());
  }

  private static InitiativeDelta delta(InitiativeSnapshot from, InitiativeSnapshot to, List<TimelineEntry> timeline) {
    return InitiativeDelta.between(from.seq(), from.view(), to.seq(), to.view(), timeline).orElseThrow();
  }

  /** The read model after {@code first} then {@code delta}, and after the snapshot of the later view alone. */
  private void assertDeltaWritesWhatTheSnapshotWould(InitiativeSnapshot first, InitiativeSnapshot later) {
    projection.project(first);
    projection.projectDelta(delta(first, later, List.of(entry(first.seq() + 1, "GATE_APPROVED"))));
    String byDelta = readModel();
    clear();
    projection.project(first);
    projection.project(new InitiativeSnapshot(later.seq(), later.view(), List.of(entry(first.seq() + 1, "GATE_APPROVED"))));

    assertThat(byDelta).isEqualTo(readModel());
  }

  @Test
  void aDeltaLeavesTheReadModelAsTheSnapshotOfTheLaterViewDoes() {
    assertDeltaWritesWhatTheSnapshotWould(Snapshots.inReview(List.of(entry(1, "LAUNCHED"))), Snapshots.inDataReadiness(List.of()));
    assertThat(one("select last_seq::text from initiative")).isEqualTo("9");
    assertThat(list("select id || ' ' || status from task order by id")).containsExactly(
        "fraud-scoring.data-readiness.1 OPEN", "fraud-scoring.legal-review.1 COMPLETED", "fraud-scoring.security-review.1 COMPLETED");
  }

  @Test
  void aDeltaCarriesOnlyWhatChanged() {
    InitiativeDelta delta = delta(Snapshots.inReview(List.of()), Snapshots.inDataReadiness(List.of()), List.of());

    assertThat(delta.request()).as("unchanged request").isNull();
    assertThat(delta.crmRecords()).isNull();
    assertThat(delta.gates()).extracting(g -> g.gate()).containsExactly(Gate.LEGAL_REVIEW, Gate.DATA_READINESS);
    assertThat(delta.gateOrder()).containsExactly(Gate.SECURITY_REVIEW, Gate.LEGAL_REVIEW, Gate.DATA_READINESS);
    assertThat(delta.tasks()).extracting(t -> t.id()).containsExactly("fraud-scoring.legal-review.1", "fraud-scoring.data-readiness.1");
    assertThat(delta.evidence()).isEmpty();
  }

  @Test
  void aReclassificationDropsGatesAndRetiersEveryTask() {
    InitiativeSnapshot review = Snapshots.inReview(List.of());
    InitiativeSnapshot reclassified = Snapshots.snapshot(12, Stage.SECURITY_REVIEW, RiskTier.LIMITED,
        List.of(review.view().gates().getFirst()), review.view().tasks(), review.view().evidence(), List.of());

    assertDeltaWritesWhatTheSnapshotWould(review, reclassified);
    assertThat(list("select gate from gate")).containsExactly("SECURITY_REVIEW");
    assertThat(list("select distinct risk_tier from task")).containsExactly("LIMITED");
  }

  @Test
  void newEvidenceAndAChangedRequestAreWritten() {
    InitiativeSnapshot review = Snapshots.inReview(List.of());
    List<Evidence> evidence = new ArrayList<>(review.view().evidence());
    evidence.add(new Evidence("ev-2", Gate.LEGAL_REVIEW, "dpia", "DPIA", "https://wiki.example/dpia", "cd34", "bob", Snapshots.at(6)));
    InitiativeView v = review.view();
    InitiativeSnapshot amended = new InitiativeSnapshot(6, new InitiativeView(v.key(), v.workflowId(),
        Snapshots.request(RiskTier.HIGH).amendedBy(new InitiativeRequest(Snapshots.KEY, "Card fraud scoring",
            null, null, null, null, null, null, null, null, null, null)), v.riskTier(), v.stage(), v.policyVersion(), v.launchedBy(), v.launchedAt(),
        Snapshots.at(6), v.modelVersion(), v.outcomeReason(), v.gates(), v.tasks(), evidence, List.of("CRM-1", "CRM-2")), List.of());

    assertDeltaWritesWhatTheSnapshotWould(review, amended);
    assertThat(list("select id from evidence order by id")).containsExactly("ev-1", "ev-2");
    assertThat(one("select name from initiative")).isEqualTo("Card fraud scoring");
    assertThat(one("select view -> 'crmRecords' ->> 1 from initiative")).isEqualTo("CRM-2");
  }

  @Test
  void aRetriedOrStaleDeltaOnlyAddsItsTimeline() {
    InitiativeSnapshot review = Snapshots.inReview(List.of());
    InitiativeSnapshot later = Snapshots.inDataReadiness(List.of());
    projection.project(review);
    InitiativeDelta delta = delta(review, later, List.of(entry(5, "GATE_APPROVED")));
    projection.projectDelta(delta);
    String once = readModel();

    projection.projectDelta(delta);
    assertThat(readModel()).isEqualTo(once);

    projection.projectDelta(delta(review, new InitiativeSnapshot(7, later.view(), List.of()), List.of(entry(4, "EVIDENCE_ADDED"))));
    assertThat(one("select last_seq::text from initiative")).isEqualTo("9");
    assertThat(list("select seq || ' ' || type from timeline order by seq")).containsExactly("4 EVIDENCE_ADDED", "5 GATE_APPROVED");
  }

  @Test
  void aDeltaWithNothingToBuildOnIsRefusedAsAGapAndWritesNothing() {
    InitiativeSnapshot review = Snapshots.inReview(List.of());
    InitiativeDelta delta = delta(review, Snapshots.inDataReadiness(List.of()), List.of(entry(5, "GATE_APPROVED")));

    assertThatThrownBy(() -> projection.projectDelta(delta)).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
      assertThat(f.getType()).isEqualTo(InitiativeDelta.GAP);
      assertThat(f.isNonRetryable()).isTrue();
      assertThat(f.getOriginalMessage()).contains("no view of fraud-scoring");
    });
    assertThat(one("select count(*)::text from timeline")).isEqualTo("0");

    // a read model restored from a backup older than the delta's base
    projection.project(new InitiativeSnapshot(2, review.view(), List.of()));
    String restored = readModel();
    assertThatThrownBy(() -> projection.projectDelta(delta)).isInstanceOfSatisfying(ApplicationFailure.class,
        f -> assertThat(f.getType()).isEqualTo(InitiativeDelta.GAP));
    assertThat(readModel()).isEqualTo(restored);
  }

  @Test
  void timeInGateIsRecordedOnceWhenADeltaDecidesTheGate() {
    InitiativeSnapshot review = Snapshots.inReview(List.of());
    projection.project(review);
    InitiativeDelta delta = delta(review, Snapshots.inDataReadiness(List.of()), List.of());
    projection.projectDelta(delta);
    projection.projectDelta(delta);

    assertThat(meters.get("runway.gate.duration").tags("gate", "LEGAL_REVIEW", "team", "legal").timer().count()).isEqualTo(1);
    assertThat(meters.get("runway.gate.duration").tags("gate", "SECURITY_REVIEW", "team", "security").timer().count()).isEqualTo(1);
  }
}
