package io.runway.lifecycle.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A measurable outcome with where it starts and where the initiative must take it. {@code mlflow},
 * when set, names the MLflow metric a durable activity reads for it every month in production.
 */
public record Kpi(String name, String unit, Double baseline, Double target,
    @JsonInclude(JsonInclude.Include.NON_NULL) MlflowMetric mlflow) {

  public Kpi(String name, String unit, Double baseline, Double target) {
    this(name, unit, baseline, target, null);
  }
}
