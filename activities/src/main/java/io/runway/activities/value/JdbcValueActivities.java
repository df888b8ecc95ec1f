package io.runway.activities.value;

import io.runway.activities.json.RunwayJson;
import io.runway.lifecycle.activity.ValueActivities;
import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.ValueDecision;
import io.runway.lifecycle.model.ValueSnapshot;
import io.runway.lifecycle.model.ValueSummary;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes value snapshots in one transaction: new actuals and decisions are inserted once (a retried
 * or replayed snapshot inserts nothing twice), and the summary only when it is newer than the stored one.
 */
@Component("valueActivities")
public class JdbcValueActivities implements ValueActivities {

  private static final String UPSERT_SUMMARY = """
      insert into value_summary (workflow_id, initiative_key, last_seq, went_live_at, next_review_at, serving, at_risk, summary)
      values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
      on conflict (workflow_id) do update set
          initiative_key = excluded.initiative_key, last_seq = excluded.last_seq, went_live_at = excluded.went_live_at,
          next_review_at = excluded.next_review_at, serving = excluded.serving, at_risk = excluded.at_risk,
          summary = excluded.summary
      where value_summary.last_seq < excluded.last_seq""";

  private static final String INSERT_ACTUAL = """
      insert into kpi_actual (workflow_id, seq, initiative_key, kpi, period, value, source, note, pilot, recorded_by, recorded_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (workflow_id, seq) do nothing""";

  private static final String INSERT_COST = """
      insert into cost_actual (workflow_id, seq, initiative_key, period, amount, currency, breakdown, note, pilot, recorded_by,
          recorded_at)
      values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) on conflict (workflow_id, seq) do nothing""";

  private static final String INSERT_DECISION = """
      insert into value_decision (workflow_id, seq, initiative_key, task_id, occasion, decision, comment, follow_up_on,
          decided_by, decided_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (workflow_id, seq) do nothing""";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public JdbcValueActivities(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
  }

  @Override
  public void projectValue(ValueSnapshot snapshot) {
    String workflowId = snapshot.workflowId();
    ValueSummary summary = snapshot.summary();
    String key = summary.initiativeKey();
    tx.executeWithoutResult(status -> {
      jdbc.update(UPSERT_SUMMARY, workflowId, key, snapshot.seq(), timestamp(summary.wentLiveAt()),
          timestamp(summary.nextReviewAt()), summary.serving().name(), summary.atRisk(), RunwayJson.write(summary));
      batch(INSERT_ACTUAL, snapshot.newActuals(), (KpiActual a) -> new Object[] {workflowId, a.seq(), key, a.kpi(), a.period(),
          a.value(), a.source().toString(), a.note(), a.pilot(), a.recordedBy(), timestamp(a.recordedAt())});
      batch(INSERT_COST, snapshot.newCosts(), (CostActual c) -> new Object[] {workflowId, c.seq(), key, c.period(), c.amount(),
          c.currency(), RunwayJson.write(c.breakdown()), c.note(), c.pilot(), c.recordedBy(), timestamp(c.recordedAt())});
      batch(INSERT_DECISION, snapshot.newDecisions(), (ValueDecision d) -> new Object[] {workflowId, d.seq(), key, d.taskId(),
          d.occasion(), d.decision().name(), d.comment(), d.followUpOn() == null ? null : Date.valueOf(d.followUpOn()),
          d.decidedBy(), timestamp(d.decidedAt())});
    });
  }

  private <T> void batch(String sql, List<T> rows, java.util.function.Function<T, Object[]> values) {
    if (!rows.isEmpty()) {
      jdbc.batchUpdate(sql, rows.stream().map(values).toList());
    }
  }

  private static Timestamp timestamp(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }
}
