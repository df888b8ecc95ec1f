package io.runway.activities.mlops.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.runway.activities.json.RunwayJson;
import io.runway.lifecycle.activity.KpiMetricQuery;
import io.runway.lifecycle.activity.KpiReading;
import io.runway.lifecycle.activity.MetricsQuery;
import io.runway.lifecycle.activity.MetricsReading;
import io.runway.lifecycle.activity.MlopsActivities;
import io.runway.lifecycle.activity.PromotionRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A model registry in two tables. Promotion is idempotent by construction: tags merge, the alias
 * is an upsert that leaves the row alone when it already points at the version.
 */
@Component("mlopsActivities")
@ConditionalOnProperty(name = "runway.mlops.provider", havingValue = "local", matchIfMissing = true)
public class LocalMlopsActivities implements MlopsActivities {

  public static final String DEFAULT_ALIAS = "production";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public LocalMlopsActivities(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
  }

  @Override
  public Map<String, Double> readMetrics(MetricsQuery query) {
    Optional<String> metrics = jdbc.sql("select metrics::text from local_model_version where model_name = :model and version = :version")
        .param("model", query.modelName())
        .param("version", query.modelVersion())
        .query(String.class)
        .optional();
    Map<String, Double> named = new LinkedHashMap<>();
    metrics.map(LocalMlopsActivities::parse).ifPresent(all -> query.metricNames().forEach(name -> {
      JsonNode value = all.get(name);
      if (value != null && value.isNumber()) {
        named.put(name, value.doubleValue());
      }
    }));
    return named;
  }

  /**
   * A KPI naming a registered model reads the metric of the version its {@code production} alias
   * points at; the local registry keeps no experiments, runs or timestamps, so other KPIs read nothing.
   */
  @Override
  public KpiReading readKpiMetric(KpiMetricQuery query) {
    String model = query.metric().model();
    if (model == null || model.isBlank()) {
      return null;
    }
    return jdbc.sql("""
            select v.version, v.metrics::text from local_model_alias a
            join local_model_version v on v.model_name = a.model_name and v.version = a.version
            where a.model_name = :model and a.alias = :alias""")
        .param("model", model)
        .param("alias", DEFAULT_ALIAS)
        .query((rs, n) -> {
          JsonNode value = parse(rs.getString(2)).get(query.metric().metric());
          return value != null && value.isNumber()
              ? new KpiReading(value.doubleValue(), model + "/" + rs.getString(1), query.toMillis() - 1) : null;
        })
        .optional().orElse(null);
  }

  /** The local registry stores numbers only (the API refuses anything else), so nothing here is invalid. */
  @Override
  public MetricsReading readRunMetrics(MetricsQuery query) {
    return new MetricsReading(readMetrics(query), Map.of());
  }

  @Override
  public void promote(PromotionRequest request) {
    String alias = request.alias() == null || request.alias().isBlank() ? DEFAULT_ALIAS : request.alias();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("runway.approved_by", request.approvedBy());
    tags.put("runway.approved_at", request.approvedAt());
    tags.put("runway.initiative", request.initiativeKey());
    // one transaction: nobody sees the alias on a version that does not carry its approval tags yet
    tx.executeWithoutResult(status -> {
      jdbc.sql("""
              insert into local_model_version (model_name, version, tags) values (:model, :version, :tags::jsonb)
              on conflict (model_name, version) do update set tags = local_model_version.tags || excluded.tags""")
          .param("model", request.modelName())
          .param("version", request.modelVersion())
          .param("tags", RunwayJson.write(tags))
          .update();
      jdbc.sql("""
              insert into local_model_alias (model_name, alias, version) values (:model, :alias, :version)
              on conflict (model_name, alias) do update set version = excluded.version, updated_at = now()
              where local_model_alias.version <> excluded.version""")
          .param("model", request.modelName())
          .param("alias", alias)
          .param("version", request.modelVersion())
          .update();
    });
  }

  private static JsonNode parse(String json) {
    try {
      return RunwayJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("local_model_version.metrics is not JSON: " + json, e);
    }
  }
}
