package io.runway.worker.runtime;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code temporal}, part of the readiness group: one cheap GetSystemInfo call with a
 * short deadline on the same connection the WorkflowClient and the workers use. DOWN when Temporal
 * does not answer in time or refuses the call; UP again as soon as it answers.
 */
@Component("temporal")
class TemporalHealthIndicator implements HealthIndicator {

  private final WorkflowServiceStubs stubs;
  private final Duration timeout;

  TemporalHealthIndicator(
      WorkflowServiceStubs stubs, @Value("${runway.health.temporal-timeout:2s}") Duration timeout) {
    this.stubs = stubs;
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    try {
      GetSystemInfoResponse info =
          stubs
              .blockingStub()
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      Health.Builder up = Health.up();
      if (!info.getServerVersion().isEmpty()) {
        up.withDetail("serverVersion", info.getServerVersion());
      }
      return up.build();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        // a server that answers "not implemented" is reachable: the in-memory test server does this
        return Health.up().build();
      }
      return Health.down()
          .withDetail("error", e.getStatus().getCode() + ": " + e.getStatus().getDescription())
          .build();
    }
  }
}
