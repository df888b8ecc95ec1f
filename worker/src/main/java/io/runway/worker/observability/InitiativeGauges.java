package io.runway.worker.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code runway_initiatives{stage, risk_tier}}: initiatives per stage from the read model. Every
 * stage and tier is registered up front, so an empty stage shows 0 instead of a gap. The counts come
 * from one grouped query, run when a scrape reads them and at most once per {@link #MAX_AGE}; if the
 * database cannot answer, the last counts stay. Every replica reports the same totals: aggregate
 * with {@code max}, not {@code sum}.
 */
@Component
class InitiativeGauges implements MeterBinder {

  static final String UNCLASSIFIED = "UNCLASSIFIED";
  private static final Duration MAX_AGE = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(InitiativeGauges.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private Map<String, Long> counts = Map.of();
  private Instant countedAt = Instant.MIN;

  InitiativeGauges(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Stage stage : Stage.values()) {
      for (RiskTier tier : RiskTier.values()) {
        register(registry, stage.name(), tier.name());
      }
      register(registry, stage.name(), UNCLASSIFIED);
    }
  }

  private void register(MeterRegistry registry, String stage, String tier) {
    Gauge.builder("runway.initiatives", this, gauges -> gauges.count(stage, tier))
        .description("Initiatives per stage and risk tier in the read model")
        .tag("stage", stage).tag("risk_tier", tier)
        .register(registry);
  }

  private synchronized double count(String stage, String tier) {
    Instant now = clock.instant();
    if (countedAt.plus(MAX_AGE).isBefore(now)) {
      try {
        Map<String, Long> fresh = new HashMap<>();
        jdbc.sql("select stage, coalesce(risk_tier, ?) as tier, count(*) as n from initiative group by stage, tier")
            .param(UNCLASSIFIED)
            .query(rs -> {
              fresh.put(rs.getString("stage") + "/" + rs.getString("tier"), rs.getLong("n"));
            });
        counts = fresh;
      } catch (DataAccessException e) {
        log.warn("initiative counts not refreshed, the metrics keep the last ones: {}", e.getMessage());
      }
      countedAt = now;
    }
    return counts.getOrDefault(stage + "/" + tier, 0L);
  }
}
