package io.runway.lifecycle.activity;

import io.temporal.activity.ActivityInterface;
import java.util.Map;

@ActivityInterface
public interface MlopsActivities {

  /**
   * The named metrics of the model version's run; a metric the system does not have, or whose value is
   * not a number, is left out. Kept for workflows started before {@link #readRunMetrics}.
   */
  Map<String, Double> readMetrics(MetricsQuery query);

  /** The named metrics of the model version's run, with those whose value is not a number marked invalid. */
  MetricsReading readRunMetrics(MetricsQuery query);

  void promote(PromotionRequest request);

  /** A KPI's value for one month, or null when nothing was logged for it in that month. */
  KpiReading readKpiMetric(KpiMetricQuery query);
}
