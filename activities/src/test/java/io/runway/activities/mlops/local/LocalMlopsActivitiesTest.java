package io.runway.activities.mlops.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.activities.testing.PostgresExtension;
import io.runway.lifecycle.activity.MetricsQuery;
import io.runway.lifecycle.activity.PromotionRequest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

@ExtendWith(PostgresExtension.class)
class LocalMlopsActivitiesTest {

  private static final List<String> READINESS = List.of("data_quality_score", "null_rate", "freshness_hours");

  private final JdbcClient jdbc;
  private final LocalMlopsActivities mlops;

  LocalMlopsActivitiesTest(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.mlops = new LocalMlopsActivities(jdbc, new JdbcTransactionManager(dataSource));
  }

  private void registerVersion(String version, String metricsJson) {
    jdbc.sql("insert into local_model_version (model_name, version, metrics) values ('fraud-model', :v, :m::jsonb)")
        .param("v", version).param("m", metricsJson).update();
  }

  private static PromotionRequest promotion(String version) {
    return new PromotionRequest("fraud-scoring.promote." + version, "fraud-model", version, "production", "frank",
        "2026-11-23T10:15:30Z", "fraud-scoring");
  }

  @Test
  void readMetricsReturnsTheNamedMetricsAndLeavesOutAbsentOnes() {
    registerVersion("3", "{\"data_quality_score\": 0.97, \"null_rate\": 0.01, \"auc\": 0.91, \"freshness_hours\": \"n/a\"}");

    Map<String, Double> metrics = mlops.readMetrics(new MetricsQuery("fraud-scoring", "fraud-model", "3", READINESS));

    assertThat(metrics).containsExactlyInAnyOrderEntriesOf(Map.of("data_quality_score", 0.97, "null_rate", 0.01));
  }

  @Test
  void aKpiNamingTheModelReadsTheMetricOfTheVersionInProductionAndOtherKpisReadNothing() {
    registerVersion("3", "{\"approval_rate\": 0.64}");
    registerVersion("4", "{\"approval_rate\": 0.71}");
    mlops.promote(promotion("4"));
    long from = java.time.Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    long to = java.time.Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

    var model = mlops.readKpiMetric(new io.runway.lifecycle.activity.KpiMetricQuery("fraud-scoring", "approval rate",
        new io.runway.lifecycle.model.MlflowMetric("approval_rate", "fraud-model", null, null), from, to));
    var experiment = mlops.readKpiMetric(new io.runway.lifecycle.activity.KpiMetricQuery("fraud-scoring", "approval rate",
        new io.runway.lifecycle.model.MlflowMetric("approval_rate", null, "fraud-kpis", null), from, to));

    assertThat(model.value()).isEqualTo(0.71);
    assertThat(model.runId()).isEqualTo("fraud-model/4");
    assertThat(experiment).as("the local registry keeps no experiments").isNull();
  }

  @Test
  void readMetricsOfAnUnknownVersionIsEmpty() {
    registerVersion("3", "{\"null_rate\": 0.01}");

    assertThat(mlops.readMetrics(new MetricsQuery("fraud-scoring", "fraud-model", "4", READINESS))).isEmpty();
  }

  @Test
  void promoteTwiceSetsTheAliasOnceAndTagsTheVersion() {
    registerVersion("3", "{}");

    mlops.promote(promotion("3"));
    OffsetDateTime aliasedAt = aliasUpdatedAt();
    mlops.promote(promotion("3"));

    assertThat(jdbc.sql("select version from local_model_alias where model_name = 'fraud-model' and alias = 'production'")
        .query(String.class).list()).containsExactly("3");
    assertThat(aliasUpdatedAt()).isEqualTo(aliasedAt);
    assertThat(jdbc.sql("select tags ->> 'runway.approved_by' || ' ' || (tags ->> 'runway.approved_at') || ' ' || (tags ->> 'runway.initiative') from local_model_version")
        .query(String.class).single()).isEqualTo("frank 2026-11-23T10:15:30Z fraud-scoring");
  }

  @Test
  void promoteRegistersAnUnknownVersionAndKeepsItsOtherTags() {
    jdbc.sql("insert into local_model_version (model_name, version, tags) values ('fraud-model', '3', '{\"team\": \"risk\"}')").update();

    mlops.promote(promotion("3"));
    mlops.promote(promotion("4"));

    assertThat(jdbc.sql("select tags ->> 'team' from local_model_version where version = '3'").query(String.class).single()).isEqualTo("risk");
    assertThat(jdbc.sql("select count(*) from local_model_version").query(Integer.class).single()).isEqualTo(2);
    assertThat(jdbc.sql("select version from local_model_alias").query(String.class).single()).isEqualTo("4");
  }

  private OffsetDateTime aliasUpdatedAt() {
    return jdbc.sql("select updated_at from local_model_alias").query(OffsetDateTime.class).single();
  }
}
