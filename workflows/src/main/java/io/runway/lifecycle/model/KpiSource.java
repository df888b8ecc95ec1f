package io.runway.lifecycle.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Where a KPI actual came from: typed in, pushed by a system over the API, or read from MLflow. */
public enum KpiSource {
  @JsonProperty("manual") MANUAL,
  @JsonProperty("api") API,
  @JsonProperty("mlflow") MLFLOW;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
