package io.runway.worker.value;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The portfolio's value: per initiative its attainment, cost against budget, time to value and risk;
 * per business unit the same rolled up; and the initiatives at risk.
 */
public record PortfolioValue(List<InitiativeValue> initiatives, List<BusinessUnitValue> businessUnits, List<String> atRisk) {

  /**
   * {@code costToDate} and {@code budgetToDate} sum the production months with a recorded cost (the
   * budget once per such month); {@code timeToValueDays} runs from go-live to the end of the first
   * month in which every KPI met its target.
   */
  public record InitiativeValue(
      String key, String name, String businessUnit, String riskTier, String stage, String serving, Double attainment,
      int kpisAtTarget, int kpis, BigDecimal costToDate, BigDecimal budgetToDate, String currency, Double costToBudget,
      Instant wentLiveAt, Long timeToValueDays, boolean atRisk, List<String> riskReasons, String latestDecision,
      Instant nextReviewAt) {}

  public record BusinessUnitValue(
      String businessUnit, int initiatives, int atRisk, Double averageAttainment, List<CurrencyCost> costs) {}

  /** Costs of one currency within a business unit (budgets in different currencies are not added up). */
  public record CurrencyCost(String currency, BigDecimal costToDate, BigDecimal budgetToDate, Double costToBudget) {}
}
