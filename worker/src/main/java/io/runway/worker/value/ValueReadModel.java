package io.runway.worker.value;

import io.runway.lifecycle.Lifecycle;
import io.runway.worker.portfolio.PortfolioFilter;
import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.KpiSource;
import io.runway.lifecycle.model.ValueDecision;
import io.runway.lifecycle.model.ValueSummary;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the value tables the value projection writes; never writes them. */
@Repository
class ValueReadModel {

  private static final TypeReference<Map<String, BigDecimal>> BREAKDOWN = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ValueReadModel(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Optional<ValueSummary> summary(String workflowId) {
    return jdbc.sql("select summary::text from value_summary where workflow_id = ?").param(workflowId).query(String.class)
        .optional().map(text -> json.readValue(text, ValueSummary.class));
  }

  /** Every KPI figure, oldest first: the last of a KPI and month is its current value, the others its corrections. */
  List<KpiActual> actuals(String workflowId) {
    return jdbc.sql("select * from kpi_actual where workflow_id = ? order by seq").param(workflowId)
        .query((rs, n) -> actual(rs)).list();
  }

  List<CostActual> costs(String workflowId) {
    return jdbc.sql("select * from cost_actual where workflow_id = ? order by seq").param(workflowId)
        .query((rs, n) -> cost(rs)).list();
  }

  List<ValueDecision> decisions(String workflowId) {
    return jdbc.sql("select * from value_decision where workflow_id = ? order by seq").param(workflowId)
        .query((rs, n) -> new ValueDecision(rs.getLong("seq"), rs.getString("task_id"), rs.getString("occasion"),
            Decision.valueOf(rs.getString("decision")), rs.getString("comment"),
            rs.getDate("follow_up_on") == null ? null : rs.getDate("follow_up_on").toLocalDate(), rs.getString("decided_by"),
            instant(rs, "decided_at")))
        .list();
  }

  /** The portfolio's rows: initiatives with a value summary, optionally in one business unit and risk tier. */
  /** {@code samples}: what to do with the demo seed's sample initiatives (PortfolioFilter.Samples). */
  List<PortfolioRow> portfolio(String businessUnit, String riskTier, PortfolioFilter.Samples samples) {
    return jdbc.sql("""
            select i.key, i.name, i.business_unit, i.risk_tier, i.stage, i.workflow_id, v.summary::text as summary,
                   (i.view -> 'request' -> 'kpis')::text as kpis, (i.view -> 'request' -> 'budget')::text as budget
            from value_summary v join initiative i on i.workflow_id = v.workflow_id
            where (cast(? as text) is null or i.business_unit = ?) and (cast(? as text) is null or i.risk_tier = ?)
              and (cast(? as text) = 'INCLUDE' or (cast(? as text) = 'ONLY') = (i.key like ?))
            order by i.business_unit nulls last, i.key""")
        .params(businessUnit, businessUnit, riskTier, riskTier, samples.name(), samples.name(),
            Lifecycle.SAMPLE_KEY_PREFIX + "%")
        .query((rs, n) -> new PortfolioRow(rs.getString("key"), rs.getString("name"), rs.getString("business_unit"),
            rs.getString("risk_tier"), rs.getString("stage"), rs.getString("workflow_id"), rs.getString("summary"),
            rs.getString("kpis"), rs.getString("budget")))
        .list();
  }

  /** The current figure of every KPI and month of these initiatives (corrections left out), by workflow id. */
  Map<String, List<KpiActual>> currentActuals(List<String> workflowIds) {
    Map<String, List<KpiActual>> byWorkflow = new java.util.HashMap<>();
    jdbc.sql("""
            select distinct on (workflow_id, kpi, period) * from kpi_actual where workflow_id = any(?)
            order by workflow_id, kpi, period, seq desc""")
        .param(workflowIds.toArray(String[]::new))
        .query(rs -> {
          byWorkflow.computeIfAbsent(rs.getString("workflow_id"), w -> new java.util.ArrayList<>()).add(actual(rs));
        });
    return byWorkflow;
  }

  Map<String, List<CostActual>> currentCosts(List<String> workflowIds) {
    Map<String, List<CostActual>> byWorkflow = new java.util.HashMap<>();
    jdbc.sql("""
            select distinct on (workflow_id, period) * from cost_actual where workflow_id = any(?)
            order by workflow_id, period, seq desc""")
        .param(workflowIds.toArray(String[]::new))
        .query(rs -> {
          byWorkflow.computeIfAbsent(rs.getString("workflow_id"), w -> new java.util.ArrayList<>()).add(cost(rs));
        });
    return byWorkflow;
  }

  /** One portfolio row as stored; KPIs, budget and summary still as JSON text. */
  record PortfolioRow(String key, String name, String businessUnit, String riskTier, String stage, String workflowId,
      String summary, String kpis, String budget) {}

  private KpiActual actual(ResultSet rs) throws SQLException {
    return new KpiActual(rs.getLong("seq"), rs.getString("kpi"), rs.getString("period"), rs.getDouble("value"),
        KpiSource.valueOf(rs.getString("source").toUpperCase(java.util.Locale.ROOT)), rs.getString("note"), rs.getBoolean("pilot"),
        rs.getString("recorded_by"), instant(rs, "recorded_at"));
  }

  private CostActual cost(ResultSet rs) throws SQLException {
    return new CostActual(rs.getLong("seq"), rs.getString("period"), rs.getBigDecimal("amount").stripTrailingZeros(),
        rs.getString("currency"), json.readValue(rs.getString("breakdown"), BREAKDOWN), rs.getString("note"), rs.getBoolean("pilot"),
        rs.getString("recorded_by"), instant(rs, "recorded_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }
}
