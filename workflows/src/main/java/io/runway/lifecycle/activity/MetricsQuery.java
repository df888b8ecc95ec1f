package io.runway.lifecycle.activity;

import java.util.List;

public record MetricsQuery(String initiativeKey, String modelName, String modelVersion, List<String> metricNames) {}
