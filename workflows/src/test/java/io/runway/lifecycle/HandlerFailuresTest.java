package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.LaunchInput;
import io.runway.lifecycle.model.ProductionEvent;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.lifecycle.model.ReclassifyCommand;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.TaskView;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.workflow.WorkflowInit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The general rule behind F1: a handler that throws must not fail the workflow task (Temporal retries
 * a failed task for ever, so the command hangs and the initiative stops). A lifecycle whose reclassify
 * and production-event handlers have a bug shows what {@link HandlerFailures} makes of it.
 */
class HandlerFailuresTest {

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.builder(systems, BuggyHandlers.class).build();

  WorkflowClient client;
  Drive drive;

  @BeforeEach
  void setUp(WorkflowClient client, Worker worker) {
    this.client = client;
    this.drive = new Drive(client, worker.getTaskQueue());
  }

  @Test
  void anUpdateWhoseHandlerThrowsFailsThatUpdateAndTheWorkflowGoesOn() throws Exception {
    InitiativeWorkflow stub = drive.launch(request("buggy-update", RiskTier.LIMITED));
    TaskView security = Drive.openReview(stub, Gate.SECURITY_REVIEW);

    WorkflowUpdateException refused = org.junit.jupiter.api.Assertions.assertThrows(WorkflowUpdateException.class, () ->
        Drive.answered(() -> stub.reclassify(new ReclassifyCommand(member("program-office", 1), RiskTier.HIGH, "new data"))));

    assertThat(refused.getCause()).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
      assertThat(f.getType()).isEqualTo(HandlerFailures.TYPE);
      assertThat(f.getOriginalMessage()).contains("reclassify").contains("a bug in the handler");
    });
    assertThat(Drive.answered(() -> stub.claim(new ClaimCommand(security.id(), member("security", 1), false))).assignee())
        .as("the next command is answered").isEqualTo("security-1");
    assertNoWorkflowTaskFailed("buggy-update");
  }

  @Test
  void aSignalWhoseHandlerThrowsIsDroppedAndTheWorkflowGoesOn() {
    InitiativeWorkflow stub = drive.launch(request("buggy-signal", RiskTier.LIMITED));
    TaskView security = Drive.openReview(stub, Gate.SECURITY_REVIEW);

    stub.productionEvent(new ProductionEvent("e-1", ProductionEventType.INCIDENT, "outage", null, "monitoring"));

    assertThat(Drive.answered(() -> stub.claim(new ClaimCommand(security.id(), member("security", 1), false))).assignee())
        .as("the next command is answered").isEqualTo("security-1");
    assertNoWorkflowTaskFailed("buggy-signal");
  }

  private void assertNoWorkflowTaskFailed(String key) {
    assertThat(client.fetchHistory(Lifecycle.workflowId(key)).getEvents())
        .noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
  }

  /** The lifecycle with two handlers that throw what a bug would throw. */
  public static class BuggyHandlers extends InitiativeWorkflowImpl {

    @WorkflowInit
    public BuggyHandlers(LaunchInput launch, InitiativeState carried) {
      super(launch, carried);
    }

    @Override
    public InitiativeView reclassify(ReclassifyCommand command) {
      throw new IllegalStateException("a bug in the handler");
    }

    @Override
    public void productionEvent(ProductionEvent event) {
      throw new NullPointerException("a bug in the signal handler");
    }
  }
}
