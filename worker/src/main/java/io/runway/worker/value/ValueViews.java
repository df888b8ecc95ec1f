package io.runway.worker.value;

import io.runway.lifecycle.model.Attainment;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.Periods;
import io.runway.lifecycle.model.ServingState;
import io.runway.lifecycle.model.ValueDecision;
import io.runway.lifecycle.model.ValueSummary;
import io.runway.worker.value.ValueView.Actual;
import io.runway.worker.value.ValueView.Correction;
import io.runway.worker.value.ValueView.CostMonth;
import io.runway.worker.value.ValueView.KpiValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the value view from the read model: the one place attainment, trend, on-track and cost
 * against budget are worked out for people (with {@link Attainment}'s rule, which the workflow shares).
 */
final class ValueViews {

  private ValueViews() {}

  static ValueView of(InitiativeView initiative, Optional<ValueSummary> summary, List<KpiActual> actuals, List<CostActual> costs,
      List<ValueDecision> decisions) {
    InitiativeRequest request = initiative.request();
    ValueSummary s = summary.orElse(null);
    Instant wentLive = s == null ? null : s.wentLiveAt();
    List<KpiValue> kpis = request == null ? List.of()
        : request.kpis().stream().map(k -> kpi(k, actuals.stream().filter(a -> a.kpi().equals(k.name())).toList(), wentLive)).toList();
    Budget budget = request == null ? null : request.budget();
    return new ValueView(initiative.key(), request == null ? null : request.name(), request == null ? null : request.businessUnit(),
        initiative.stage(), wentLive, s == null ? ServingState.SERVING : s.serving(), kpis, budget, costs(costs, budget),
        s == null ? null : s.nextReviewAt(), s == null ? null : s.nextReviewOccasion(), s == null ? null : s.openReviewTaskId(),
        s != null && s.atRisk(), s == null ? List.of() : s.riskReasons(), decisions,
        s == null ? List.of() : s.readinessExceptions());
  }

  /** A KPI's months in order, each its latest figure with the ones it corrected. */
  static KpiValue kpi(Kpi kpi, List<KpiActual> figures, Instant wentLive) {
    Map<String, List<KpiActual>> byMonth = new java.util.TreeMap<>();
    figures.forEach(f -> byMonth.computeIfAbsent(f.period(), p -> new ArrayList<>()).add(f));
    List<Actual> months = new ArrayList<>();
    byMonth.values().forEach(list -> months.add(actual(kpi, list)));
    Actual latest = months.isEmpty() ? null : months.getLast();
    String trend = null;
    if (months.size() >= 2) {
      int movement = Attainment.movement(kpi, months.get(months.size() - 2).value(), latest.value());
      trend = movement > 0 ? "IMPROVING" : movement < 0 ? "WORSENING" : "FLAT";
    }
    String firstAtTarget = months.stream().filter(a -> !a.pilot() && a.atTarget())
        .filter(a -> wentLive == null || !YearMonth.parse(a.period()).isBefore(Periods.of(wentLive)))
        .map(Actual::period).findFirst().orElse(null);
    return new KpiValue(kpi.name(), kpi.unit(), kpi.baseline(), kpi.target(), Attainment.direction(kpi), kpi.mlflow(), months,
        latest, latest == null ? null : latest.attainment(), trend, latest != null && latest.atTarget(), firstAtTarget);
  }

  private static Actual actual(Kpi kpi, List<KpiActual> figures) {
    KpiActual current = figures.getLast();
    List<Correction> corrected = figures.subList(0, figures.size() - 1).stream()
        .map(f -> new Correction(f.value(), f.source().toString(), f.note(), f.recordedBy(), f.recordedAt())).toList();
    return new Actual(current.period(), current.value(), Attainment.percent(kpi, current.value()),
        Attainment.meetsTarget(kpi, current.value()), current.pilot(), current.source().toString(), current.note(),
        current.recordedBy(), current.recordedAt(), corrected);
  }

  static List<CostMonth> costs(List<CostActual> figures, Budget budget) {
    Map<String, List<CostActual>> byMonth = new java.util.TreeMap<>();
    figures.forEach(f -> byMonth.computeIfAbsent(f.period(), p -> new ArrayList<>()).add(f));
    BigDecimal monthly = budget == null ? null : budget.monthlyCost();
    List<CostMonth> months = new ArrayList<>();
    byMonth.forEach((period, list) -> {
      CostActual c = list.getLast();
      Double ratio = monthly == null || monthly.signum() == 0 ? null
          : c.amount().divide(monthly, 4, RoundingMode.HALF_UP).doubleValue();
      months.add(new CostMonth(period, c.amount(), c.currency(), c.breakdown(), monthly, ratio,
          monthly != null && c.amount().compareTo(monthly) > 0, c.pilot(), c.recordedBy(), c.recordedAt(), list.size() - 1));
    });
    return months;
  }

  /** The average of the KPIs' latest attainments, one decimal; null when none has one. */
  static Double averageAttainment(List<KpiValue> kpis) {
    List<Double> percents = kpis.stream().map(KpiValue::latestAttainment).filter(java.util.Objects::nonNull).toList();
    return percents.isEmpty() ? null
        : Math.round(percents.stream().mapToDouble(Double::doubleValue).average().orElse(0) * 10) / 10.0;
  }

  /** The first production month in which every KPI with a direction was at target; null if none yet. */
  static String firstMonthAllAtTarget(List<KpiValue> kpis) {
    Map<String, Integer> atTarget = new LinkedHashMap<>();
    List<KpiValue> directed = kpis.stream().filter(k -> k.direction() != Attainment.Direction.NONE).toList();
    if (directed.isEmpty()) {
      return null;
    }
    directed.forEach(k -> k.actuals().stream().filter(a -> !a.pilot() && a.atTarget())
        .forEach(a -> atTarget.merge(a.period(), 1, Integer::sum)));
    return atTarget.entrySet().stream().filter(e -> e.getValue() == directed.size()).map(Map.Entry::getKey).sorted()
        .findFirst().orElse(null);
  }
}
