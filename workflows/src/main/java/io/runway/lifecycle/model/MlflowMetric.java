package io.runway.lifecycle.model;

/**
 * Where a KPI's monthly value is logged in MLflow: metric {@code metric} of the run behind the
 * {@code production} alias of registered model {@code model}, of the latest run of experiment
 * {@code experiment} that logged it, or of run {@code runId}; exactly one of the three is named.
 * The value read for a month is the last one logged during that month.
 */
public record MlflowMetric(String metric, String model, String experiment, String runId) {

  /** What is wrong with the reference, or null when it is usable. */
  public String problem() {
    if (metric == null || metric.isBlank()) {
      return "mlflow.metric is required: the name of the metric logged in MLflow";
    }
    int named = (blank(model) ? 0 : 1) + (blank(experiment) ? 0 : 1) + (blank(runId) ? 0 : 1);
    return named == 1 ? null : "mlflow needs exactly one of model, experiment or runId to say where the metric is logged";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
