package io.runway.worker.value;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.KpiActual;
import io.runway.worker.value.ValueReadModel.PortfolioRow;
import jakarta.annotation.PreDestroy;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Value gauges from the read model, refreshed every {@link #REFRESH_SECONDS} s on a thread of their
 * own: {@code runway_kpi_attainment_percent{initiative, kpi}} (latest month), {@code
 * runway_cost_to_budget_ratio{initiative}} (latest month) and {@code runway_value_reviews_overdue}.
 * Reviews opened and decisions taken are counted by the workflow ({@code runway_value_reviews_opened_total},
 * {@code runway_value_decisions_total}). Every replica reports the same values: aggregate with {@code max}.
 */
@Component
class ValueGauges implements MeterBinder {

  static final int REFRESH_SECONDS = 30;
  private static final Logger log = LoggerFactory.getLogger(ValueGauges.class);
  private static final TypeReference<List<Kpi>> KPIS = new TypeReference<>() {};

  private final ValueReadModel readModel;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "runway-value-gauges");
    thread.setDaemon(true);
    return thread;
  });
  private volatile long overdue;
  private MultiGauge attainment;
  private MultiGauge costToBudget;

  ValueGauges(ValueReadModel readModel, JdbcClient jdbc, JsonMapper json) {
    this.readModel = readModel;
    this.jdbc = jdbc;
    this.json = json;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    attainment = MultiGauge.builder("runway.kpi.attainment.percent")
        .description("Latest month's attainment of each KPI: 0 at baseline, 100 at target").register(registry);
    costToBudget = MultiGauge.builder("runway.cost.to.budget.ratio")
        .description("Latest month's run cost divided by the monthly budget").register(registry);
    Gauge.builder("runway.value.reviews.overdue", this, g -> g.overdue)
        .description("Open value reviews past their due date").register(registry);
    refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
  }

  void refresh() {
    try {
      overdue = jdbc.sql("select count(*) from task where kind = 'VALUE_REVIEW' and status = 'OPEN' and due_at < now()")
          .query(Long.class).single();
      // the demo seed's sample initiatives are not Runway's figures
      List<PortfolioRow> rows = readModel.portfolio(null, null, io.runway.worker.portfolio.PortfolioFilter.Samples.EXCLUDE);
      List<String> ids = rows.stream().map(PortfolioRow::workflowId).toList();
      Map<String, List<KpiActual>> actuals = readModel.currentActuals(ids);
      Map<String, List<CostActual>> costs = readModel.currentCosts(ids);
      List<MultiGauge.Row<?>> attainments = new ArrayList<>();
      List<MultiGauge.Row<?>> ratios = new ArrayList<>();
      for (PortfolioRow row : rows) {
        List<Kpi> kpis = row.kpis() == null ? List.of() : json.readValue(row.kpis(), KPIS);
        for (Kpi kpi : kpis) {
          var value = ValueViews.kpi(kpi, actuals.getOrDefault(row.workflowId(), List.of()).stream()
              .filter(a -> a.kpi().equals(kpi.name())).sorted(Comparator.comparing(KpiActual::period)).toList(), null);
          if (value.latestAttainment() != null) {
            attainments.add(MultiGauge.Row.of(Tags.of("initiative", row.key(), "kpi", kpi.name()), value.latestAttainment()));
          }
        }
        Budget budget = row.budget() == null ? null : json.readValue(row.budget(), Budget.class);
        costs.getOrDefault(row.workflowId(), List.of()).stream().max(Comparator.comparing(CostActual::period))
            .filter(c -> budget != null && budget.monthlyCost() != null && budget.monthlyCost().signum() > 0)
            .ifPresent(c -> ratios.add(MultiGauge.Row.of(Tags.of("initiative", row.key()),
                c.amount().divide(budget.monthlyCost(), 4, RoundingMode.HALF_UP).doubleValue())));
      }
      attainment.register(attainments, true);
      costToBudget.register(ratios, true);
    } catch (RuntimeException e) {
      log.warn("value gauges not refreshed, they keep their last values: {}", e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    refresher.shutdownNow();
  }
}
