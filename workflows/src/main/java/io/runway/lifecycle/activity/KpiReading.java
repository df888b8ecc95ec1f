package io.runway.lifecycle.activity;

/** A KPI value read from the MLOps system, with the run it came from and when it was logged (epoch ms). */
public record KpiReading(double value, String runId, long loggedAtMillis) {}
