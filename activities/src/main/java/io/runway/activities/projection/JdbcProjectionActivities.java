package io.runway.activities.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import io.runway.lifecycle.activity.ProjectionActivities;
import io.runway.lifecycle.model.GateView;
import io.runway.lifecycle.model.InitiativeDelta;
import io.runway.lifecycle.model.InitiativeSnapshot;
import io.runway.lifecycle.model.RiskTier;
import io.temporal.failure.ApplicationFailure;
import io.runway.lifecycle.model.InitiativeView;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes initiative snapshots to the read model in one transaction. It runs after every decision,
 * so it costs a fixed handful of statements: the initiative upsert, one batch per child table.
 * Activities retry and snapshots can arrive out of order; the initiative's {@code last_seq} makes
 * both harmless, and timeline entries, being history, are kept from any snapshot that carries them.
 * After a workflow run's first snapshot come deltas ({@link #projectDelta}), applied to the stored view.
 * Time in gate is measured here because this is where a decision is seen exactly once: a gate counts
 * when the write that stores it as decided replaces a row that did not say so.
 */
@Component
public class JdbcProjectionActivities implements ProjectionActivities {

  private final JdbcTemplate jdbc;
  private final ChildRows children;
  private final TransactionTemplate tx;
  private final GateDurations gateDurations;

  /** Spring's constructor: the app's registry when metrics are configured, Micrometer's global one otherwise. */
  @Autowired
  public JdbcProjectionActivities(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectProvider<MeterRegistry> meters) {
    this(jdbc, transactions, meters.getIfAvailable(() -> Metrics.globalRegistry));
  }

  public JdbcProjectionActivities(JdbcTemplate jdbc, PlatformTransactionManager transactions, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.children = new ChildRows(jdbc);
    this.tx = new TransactionTemplate(transactions);
    this.gateDurations = new GateDurations(meters);
  }

  @Override
  public void project(InitiativeSnapshot snapshot) {
    InitiativeView view = snapshot.view();
    List<GateView> decided = tx.execute(status -> {
      List<GateView> newlyDecided = List.of();
      if (InitiativeRow.upsertIfNewer(jdbc, snapshot)) {
        newlyDecided = children.gates(view.workflowId(), orEmpty(view.gates()));
        children.tasks(view.workflowId(), InitiativeRow.riskTier(view), orEmpty(view.tasks()));
        children.evidence(view.workflowId(), orEmpty(view.evidence()));
      }
      // history, not state: a stale snapshot's entries are still true, and seq de-duplicates them
      children.timeline(view.workflowId(), orEmpty(snapshot.newTimeline()));
      return newlyDecided;
    });
    // after the commit: a retried attempt whose transaction rolled back must not have counted
    decided.forEach(gateDurations::record);
  }

  /**
   * Applies a delta to the stored view under the initiative row's lock, by the rule
   * {@link InitiativeDelta} states: stored seq in {@code [fromSeq, seq)} applies; from {@code seq} on
   * only the timeline is kept (a retry, or a stale write); before {@code fromSeq}, or no row, is a gap
   * refused with {@link InitiativeDelta#GAP}, not retried, and the workflow sends a snapshot instead.
   * Only what the delta carries is written to the child tables, except after a change of risk tier,
   * which every task row repeats.
   */
  @Override
  public void projectDelta(InitiativeDelta delta) {
    List<GateView> decided = tx.execute(status -> {
      InitiativeRow.Stored stored = InitiativeRow.lock(jdbc, delta.key());
      if (stored == null || !delta.workflowId().equals(stored.workflowId()) || stored.lastSeq() < delta.fromSeq()) {
        throw ApplicationFailure.newNonRetryableFailure("the read model holds "
            + (stored == null ? "no view of " + delta.key() : "seq " + stored.lastSeq() + " of " + stored.workflowId())
            + ", the delta applies from seq " + delta.fromSeq() + " of " + delta.workflowId() + ": send a snapshot",
            InitiativeDelta.GAP);
      }
      List<GateView> newlyDecided = List.of();
      if (stored.lastSeq() < delta.seq()) {
        InitiativeView view = delta.applyTo(stored.view());
        InitiativeRow.upsertIfNewer(jdbc, new InitiativeSnapshot(delta.seq(), view, List.of()));
        if (delta.reordersGates() || !orEmpty(delta.gates()).isEmpty()) {
          newlyDecided = children.gates(delta.workflowId(), orEmpty(delta.gates()),
              delta.reordersGates() ? view.gates().stream().map(GateView::gate).toList() : null);
        }
        RiskTier tier = InitiativeRow.riskTier(view);
        boolean retiered = tier != InitiativeRow.riskTier(stored.view());
        children.tasks(delta.workflowId(), tier, retiered ? orEmpty(view.tasks()) : orEmpty(delta.tasks()));
        children.evidence(delta.workflowId(), orEmpty(delta.evidence()));
      }
      children.timeline(delta.workflowId(), orEmpty(delta.newTimeline()));
      return newlyDecided;
    });
    decided.forEach(gateDurations::record);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
