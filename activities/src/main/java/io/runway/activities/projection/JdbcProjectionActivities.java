package io.runway.activities.projection;

import io.runway.lifecycle.activity.ProjectionActivities;
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
 */
@Component
public class JdbcProjectionActivities implements ProjectionActivities {

  private final JdbcTemplate jdbc;
  private final ChildRows children;
  private final TransactionTemplate tx;

  public JdbcProjectionActivities(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.children = new ChildRows(jdbc);
    this.tx = new TransactionTemplate(transactions);
  }

  @Override
  public void project(InitiativeSnapshot snapshot) {
    InitiativeView view = snapshot.view();
    tx.executeWithoutResult(status -> {
      if (InitiativeRow.upsertIfNewer(jdbc, snapshot)) {
        children.gates(view.workflowId(), orEmpty(view.gates()));
        children.tasks(view.workflowId(), InitiativeRow.riskTier(view), orEmpty(view.tasks()));
        children.evidence(view.workflowId(), orEmpty(view.evidence()));
      }
      // history, not state: a stale snapshot's entries are still true, and seq de-duplicates them
      children.timeline(view.workflowId(), orEmpty(snapshot.newTimeline()));
    });
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
