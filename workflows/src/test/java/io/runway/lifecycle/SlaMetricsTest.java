package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.eventually;
import static io.runway.lifecycle.Drive.openReview;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.RiskTier;
import io.temporal.client.WorkflowClient;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SLA clock's events reach the metrics the worker exports: the same Micrometer bridge the
 * Temporal Spring Boot starter installs, reporting every 10 ms instead of every 10 s.
 */
class SlaMetricsTest {

  final FakeSystems systems = new FakeSystems();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final Scope scope = new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(meters))
      .reportEvery(com.uber.m3.util.Duration.ofMillis(10));

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.builder(systems).setMetricsScope(scope).build();

  TestWorkflowEnvironment env;
  Drive drive;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    drive = new Drive(client, worker.getTaskQueue());
  }

  @Test
  void countsReminderBreachAndBoardEscalationOfAnOverdueReviewByGate() {
    InitiativeWorkflow stub = drive.launch(request("overdue", RiskTier.MINIMAL));
    openReview(stub, Gate.SECURITY_REVIEW);

    env.sleep(Duration.ofDays(8).plusHours(1));
    eventually(() -> slaEvents("reminder"), n -> n == 1.0, "reminder counted");
    env.sleep(Duration.ofDays(4));
    eventually(() -> slaEvents("board_escalation"), n -> n == 1.0, "board escalation counted");

    assertThat(slaEvents("breach")).isEqualTo(1.0);
    assertThat(slaEvents("reminder")).as("counted once, not again on later workflow tasks").isEqualTo(1.0);
  }

  private double slaEvents(String kind) {
    Counter counter = meters.find("runway_sla_events").tags("kind", kind, "gate", "SECURITY_REVIEW").counter();
    return counter == null ? 0 : counter.count();
  }
}
