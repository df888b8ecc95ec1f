package io.runway.worker.value;

import io.runway.lifecycle.model.Attainment;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.MlflowMetric;
import io.runway.lifecycle.model.ReadinessException;
import io.runway.lifecycle.model.ServingState;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.ValueDecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An initiative's value as GET /api/v1/initiatives/{key}/value answers it: per KPI its promise and
 * every actual against it, cost per month against the budget, the next review and every decision.
 */
public record ValueView(
    String key,
    String name,
    String businessUnit,
    Stage stage,
    Instant wentLiveAt,
    ServingState serving,
    List<KpiValue> kpis,
    Budget budget,
    List<CostMonth> costs,
    Instant nextReviewAt,
    String nextReviewOccasion,
    String openReviewTaskId,
    boolean atRisk,
    List<String> riskReasons,
    List<ValueDecision> decisions,
    List<ReadinessException> readinessExceptions) {

  /** One KPI: baseline, target, direction, its months (current figure first recorded, corrections kept), latest attainment, trend. */
  public record KpiValue(
      String name, String unit, Double baseline, Double target, Attainment.Direction direction, MlflowMetric mlflow,
      List<Actual> actuals, Actual latest, Double latestAttainment, String trend, boolean onTrack, String firstPeriodAtTarget) {}

  /** A month's current figure of a KPI, with the figures it corrected. */
  public record Actual(
      String period, double value, Double attainment, boolean atTarget, boolean pilot, String source, String note,
      String recordedBy, Instant recordedAt, List<Correction> corrections) {}

  public record Correction(double value, String source, String note, String recordedBy, Instant recordedAt) {}

  /** A month's current run cost against the monthly budget. */
  public record CostMonth(
      String period, BigDecimal amount, String currency, Map<String, BigDecimal> breakdown, BigDecimal budget,
      Double ratioToBudget, boolean overBudget, boolean pilot, String recordedBy, Instant recordedAt, int corrections) {}
}
