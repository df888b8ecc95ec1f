package io.runway.activities.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Counts calls to systems of record as {@code runway_integration_calls_total{system, call, outcome}}.
 * Adapters are built by hand in their tests, so this reports to Micrometer's global registry, which
 * Spring Boot joins to the application's registries ({@code management.metrics.use-global-registry});
 * without an application around it, counting is a no-op.
 */
public final class IntegrationCalls {

  static final String METER = "runway.integration.calls";

  /** How many words of a call's description name the operation; the rest are ids, kept out of labels. */
  private static final int OPERATION_WORDS = 2;

  private final MeterRegistry registry;
  private final String system;

  public IntegrationCalls(String system) {
    this(system, Metrics.globalRegistry);
  }

  IntegrationCalls(String system, MeterRegistry registry) {
    this.system = system;
    this.registry = registry;
  }

  public void succeeded(String call) {
    count(call, "ok");
  }

  public void failed(String call, ApplicationFailure failure) {
    count(call, failure.isNonRetryable() ? "final_error" : "retryable_error");
  }

  private void count(String call, String outcome) {
    Counter.builder(METER).description("Calls to systems of record by outcome")
        .tag("system", system).tag("call", operation(call)).tag("outcome", outcome)
        .register(registry).increment();
  }

  /** "get issue RUN-12" is the operation "get issue": issue keys, run ids and record ids would explode the series. */
  static String operation(String call) {
    return Arrays.stream(call.trim().split("\\s+")).limit(OPERATION_WORDS)
        .map(word -> word.toLowerCase(Locale.ROOT)).collect(Collectors.joining(" "));
  }
}
