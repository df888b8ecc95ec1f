package io.runway.lifecycle.activity;

import io.runway.lifecycle.model.MlflowMetric;

/**
 * Reads a KPI's value for one month from the MLOps system: the last value of {@code metric.metric()}
 * logged between {@code fromMillis} (inclusive) and {@code toMillis} (exclusive), epoch milliseconds.
 */
public record KpiMetricQuery(String initiativeKey, String kpi, MlflowMetric metric, long fromMillis, long toMillis) {}
