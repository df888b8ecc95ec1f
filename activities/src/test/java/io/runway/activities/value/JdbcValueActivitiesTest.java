package io.runway.activities.value;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.activities.testing.PostgresExtension;
import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.KpiSource;
import io.runway.lifecycle.model.ServingState;
import io.runway.lifecycle.model.ValueDecision;
import io.runway.lifecycle.model.ValueSnapshot;
import io.runway.lifecycle.model.ValueSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** The value read model as the projection writes it: each entry once, the summary only when newer. */
@ExtendWith(PostgresExtension.class)
class JdbcValueActivitiesTest {

  private static final String WORKFLOW = "initiative-valued";
  private static final Instant LIVE = Instant.parse("2026-11-02T09:00:00Z");

  private final JdbcClient jdbc;
  private final JdbcValueActivities projection;

  JdbcValueActivitiesTest(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.projection = new JdbcValueActivities(new JdbcTemplate(dataSource), new JdbcTransactionManager(dataSource));
  }

  private static ValueSummary summary(ServingState serving, boolean atRisk) {
    return new ValueSummary("valued", LIVE, LIVE.plusSeconds(30 * 86400), "scheduled review", null, serving, atRisk,
        atRisk ? List.of("paused by a value review (PAUSED)") : List.of(), List.of(), null);
  }

  private static KpiActual actual(long seq, String period, double value, boolean pilot) {
    return new KpiActual(seq, "cycle time", period, value, KpiSource.API, null, pilot, "feed", LIVE.plusSeconds(seq));
  }

  private List<String> rows(String sql) {
    return jdbc.sql(sql).query(String.class).list();
  }

  @Test
  void actualsCostsAndDecisionsAreWrittenOnceHoweverOftenASnapshotIsApplied() {
    ValueSnapshot snapshot = new ValueSnapshot(WORKFLOW, 10, summary(ServingState.SERVING, false),
        List.of(actual(1, "2026-10", 40, true), actual(2, "2026-11", 30, false), actual(3, "2026-11", 28, false)),
        List.of(new CostActual(4, "2026-11", new BigDecimal("1180.50"), "EUR", Map.of("inference", new BigDecimal("900")), "Nov",
            false, "feed", LIVE)),
        List.of(new ValueDecision(5, "valued.value-review.1", "scheduled review", Decision.FIX, "retrain", LocalDate.parse("2026-12-20"),
            "program-office-2", LIVE.plusSeconds(3600))));

    projection.projectValue(snapshot);
    projection.projectValue(snapshot);

    assertThat(rows("select concat_ws('|', seq, kpi, period, value, source, pilot) from kpi_actual order by seq"))
        .containsExactly("1|cycle time|2026-10|40|api|t", "2|cycle time|2026-11|30|api|f", "3|cycle time|2026-11|28|api|f");
    assertThat(rows("select concat_ws('|', period, amount, currency, breakdown::text) from cost_actual"))
        .containsExactly("2026-11|1180.5000|EUR|{\"inference\": 900}");
    assertThat(rows("select concat_ws('|', task_id, decision, comment, follow_up_on, decided_by) from value_decision"))
        .containsExactly("valued.value-review.1|FIX|retrain|2026-12-20|program-office-2");
    assertThat(rows("select concat_ws('|', initiative_key, last_seq, serving, at_risk) from value_summary"))
        .containsExactly("valued|10|SERVING|f");
  }

  @Test
  void anOlderSummaryDoesNotOverwriteANewerOneButItsEntriesStillLand() {
    projection.projectValue(new ValueSnapshot(WORKFLOW, 20, summary(ServingState.PAUSED, true), List.of(), List.of(), List.of()));
    projection.projectValue(new ValueSnapshot(WORKFLOW, 15, summary(ServingState.SERVING, false), List.of(actual(7, "2026-12", 25, false)),
        List.of(), List.of()));

    assertThat(rows("select concat_ws('|', last_seq, serving, at_risk, summary->>'serving') from value_summary"))
        .containsExactly("20|PAUSED|t|PAUSED");
    assertThat(rows("select period from kpi_actual")).containsExactly("2026-12");
  }
}
