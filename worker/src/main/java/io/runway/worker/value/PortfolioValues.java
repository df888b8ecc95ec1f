package io.runway.worker.value;

import io.runway.worker.portfolio.PortfolioFilter;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.Periods;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.ValueSummary;
import io.runway.worker.value.PortfolioValue.BusinessUnitValue;
import io.runway.worker.value.PortfolioValue.CurrencyCost;
import io.runway.worker.value.PortfolioValue.InitiativeValue;
import io.runway.worker.value.ValueReadModel.PortfolioRow;
import io.runway.worker.value.ValueView.KpiValue;
import io.runway.worker.web.ApiProblem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Works out the portfolio's value from the read model: three queries, then the arithmetic in one place. */
@Service
class PortfolioValues {

  private static final TypeReference<List<Kpi>> KPIS = new TypeReference<>() {};

  private final ValueReadModel readModel;
  private final JsonMapper json;

  PortfolioValues(ValueReadModel readModel, JsonMapper json) {
    this.readModel = readModel;
    this.json = json;
  }

  PortfolioValue of(String businessUnit, String riskTier, PortfolioFilter.Samples samples) {
    if (riskTier != null && Arrays.stream(RiskTier.values()).noneMatch(t -> t.name().equals(riskTier))) {
      throw ApiProblem.invalid("riskTier", "'" + riskTier + "' is not one of " + Arrays.toString(RiskTier.values()));
    }
    List<PortfolioRow> rows = readModel.portfolio(businessUnit, riskTier, samples);
    List<String> ids = rows.stream().map(PortfolioRow::workflowId).toList();
    Map<String, List<KpiActual>> actuals = readModel.currentActuals(ids);
    Map<String, List<CostActual>> costs = readModel.currentCosts(ids);
    List<InitiativeValue> initiatives = rows.stream()
        .map(r -> initiative(r, actuals.getOrDefault(r.workflowId(), List.of()), costs.getOrDefault(r.workflowId(), List.of())))
        .toList();
    return new PortfolioValue(initiatives, businessUnits(initiatives),
        initiatives.stream().filter(InitiativeValue::atRisk).map(InitiativeValue::key).toList());
  }

  private InitiativeValue initiative(PortfolioRow row, List<KpiActual> actuals, List<CostActual> costs) {
    ValueSummary summary = json.readValue(row.summary(), ValueSummary.class);
    List<Kpi> kpiDefinitions = row.kpis() == null ? List.of() : json.readValue(row.kpis(), KPIS);
    Budget budget = row.budget() == null ? null : json.readValue(row.budget(), Budget.class);
    List<KpiValue> kpis = kpiDefinitions.stream()
        .map(k -> ValueViews.kpi(k, actuals.stream().filter(a -> a.kpi().equals(k.name())).toList(), summary.wentLiveAt()))
        .toList();
    List<CostActual> production = costs.stream().filter(c -> !c.pilot()).toList();
    BigDecimal cost = production.stream().map(CostActual::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal budgetToDate = budget == null || budget.monthlyCost() == null ? null
        : budget.monthlyCost().multiply(BigDecimal.valueOf(production.size()));
    String firstAllAtTarget = ValueViews.firstMonthAllAtTarget(kpis);
    Long timeToValue = firstAllAtTarget == null || summary.wentLiveAt() == null ? null
        : Math.max(0, Duration.between(summary.wentLiveAt(), Periods.end(YearMonth.parse(firstAllAtTarget))).toDays());
    return new InitiativeValue(row.key(), row.name(), row.businessUnit(), row.riskTier(), row.stage(), summary.serving().name(),
        ValueViews.averageAttainment(kpis), (int) kpis.stream().filter(KpiValue::onTrack).count(), kpis.size(),
        production.isEmpty() ? null : cost, production.isEmpty() ? null : budgetToDate, budget == null ? null : budget.currency(),
        ratio(production.isEmpty() ? null : cost, budgetToDate), summary.wentLiveAt(), timeToValue, summary.atRisk(),
        summary.riskReasons(), summary.latestDecision() == null ? null : summary.latestDecision().decision().name(),
        summary.nextReviewAt());
  }

  private static List<BusinessUnitValue> businessUnits(List<InitiativeValue> initiatives) {
    Map<String, List<InitiativeValue>> byUnit = new LinkedHashMap<>();
    initiatives.forEach(i -> byUnit.computeIfAbsent(i.businessUnit() == null ? "(none)" : i.businessUnit(), u -> new ArrayList<>()).add(i));
    List<BusinessUnitValue> units = new ArrayList<>();
    byUnit.forEach((unit, list) -> {
      List<Double> attainments = list.stream().map(InitiativeValue::attainment).filter(Objects::nonNull).toList();
      Double average = attainments.isEmpty() ? null
          : Math.round(attainments.stream().mapToDouble(Double::doubleValue).average().orElse(0) * 10) / 10.0;
      Map<String, BigDecimal[]> byCurrency = new LinkedHashMap<>();
      list.stream().filter(i -> i.costToDate() != null && i.currency() != null).forEach(i -> {
        BigDecimal[] sums = byCurrency.computeIfAbsent(i.currency(), c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sums[0] = sums[0].add(i.costToDate());
        sums[1] = sums[1].add(i.budgetToDate() == null ? BigDecimal.ZERO : i.budgetToDate());
      });
      List<CurrencyCost> costs = byCurrency.entrySet().stream()
          .map(e -> new CurrencyCost(e.getKey(), e.getValue()[0], e.getValue()[1], ratio(e.getValue()[0], e.getValue()[1]))).toList();
      units.add(new BusinessUnitValue(unit, list.size(), (int) list.stream().filter(InitiativeValue::atRisk).count(), average, costs));
    });
    return units;
  }

  private static Double ratio(BigDecimal cost, BigDecimal budget) {
    return cost == null || budget == null || budget.signum() == 0 ? null : cost.divide(budget, 4, RoundingMode.HALF_UP).doubleValue();
  }
}
