package io.runway.activities.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import io.runway.lifecycle.activity.ProjectionActivities;
import io.runway.lifecycle.model.GateView;
import io.runway.lifecycle.model.InitiativeSnapshot;
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

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
