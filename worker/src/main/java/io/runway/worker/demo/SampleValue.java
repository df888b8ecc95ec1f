package io.runway.worker.demo;

import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.KpiSource;
import io.runway.lifecycle.model.ServingState;
import io.runway.lifecycle.model.ValueSnapshot;
import io.runway.lifecycle.model.ValueSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The value figures of a past sample that went live: its first KPI month by month from two months
 * before go-live (pilot figures) to this month, closing on the target, and its run cost against the
 * budget. The at-risk one stays short of its target and costs 40 % over budget. As the value
 * projection of a workflow would record them.
 */
final class SampleValue {

  private SampleValue() {}

  static ValueSnapshot of(InitiativeView view, boolean atRisk, Instant now) {
    Instant wentLive = view.lastProgressAt();
    Kpi kpi = view.request().kpis().getFirst();
    BigDecimal budget = view.request().budget().monthlyCost();
    YearMonth first = YearMonth.from(wentLive.atOffset(ZoneOffset.UTC)).minusMonths(2);
    YearMonth last = YearMonth.from(now.atOffset(ZoneOffset.UTC));
    YearMonth live = YearMonth.from(wentLive.atOffset(ZoneOffset.UTC));
    List<KpiActual> actuals = new ArrayList<>();
    List<CostActual> costs = new ArrayList<>();
    long seq = 0;
    int months = (int) first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
    for (int m = 0; m < months; m++) {
      YearMonth period = first.plusMonths(m);
      boolean pilot = period.isBefore(live);
      double progress = Math.min(1.0, (m + 1.0) / 3.0);
      double value = atRisk
          ? kpi.baseline() - (kpi.baseline() - kpi.target()) * 0.3 * progress
          : kpi.baseline() - (kpi.baseline() - kpi.target()) * progress;
      Instant recorded = period.atEndOfMonth().atStartOfDay().toInstant(ZoneOffset.UTC);
      recorded = recorded.isAfter(now) ? now.minus(Duration.ofHours(1)) : recorded;
      actuals.add(new KpiActual(++seq, kpi.name(), period.toString(), Math.round(value * 10) / 10.0, KpiSource.MANUAL,
          "sample figure", pilot, "program-office-1", recorded));
      BigDecimal amount = budget.multiply(BigDecimal.valueOf(atRisk ? 1.4 : pilot ? 0.5 : 0.9))
          .setScale(0, RoundingMode.HALF_UP);
      costs.add(new CostActual(++seq, period.toString(), amount, view.request().budget().currency(),
          Map.of("inference", amount.multiply(BigDecimal.valueOf(0.6)).setScale(0, RoundingMode.HALF_UP)), "sample figure",
          pilot, "program-office-1", recorded));
    }
    Instant firstReview = wentLive.plus(Duration.ofDays(30));
    ValueSummary summary = new ValueSummary(view.key(), wentLive, firstReview.isAfter(now) ? firstReview : now.plus(Duration.ofDays(60)),
        firstReview.isAfter(now) ? "first review, 30 days after go-live" : "every 90 days", null, ServingState.SERVING, atRisk,
        atRisk ? List.of(kpi.name() + " has missed its target for 3 months", "run cost over budget by 40 %") : List.of(),
        List.of(), null);
    return new ValueSnapshot(view.workflowId(), seq, summary, actuals, costs, List.of());
  }
}
