package io.runway.bench.baseline;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The raw-Temporal baseline: the lifecycle of {@link io.runway.bench.Plan} as a hand-written Temporal
 * workflow would run it. Human decisions arrive as updates (as Runway's do), the inbox is a query,
 * and between phases it runs the same number of activities as Runway's history shows, with no-op bodies.
 */
@WorkflowInterface
public interface BaselineWorkflow {

  String TASK_QUEUE = "bench-baseline";

  @WorkflowMethod
  void run(String key, String tier, int activitiesPerStep);

  /** Approves an open task as {@code user}; answers once the workflow has applied it. */
  @UpdateMethod
  String complete(String taskId, String user);

  @UpdateValidatorMethod(updateName = "complete")
  void validateComplete(String taskId, String user);

  @UpdateMethod
  void resolveTicket();

  /** Open tasks as {@code id|gate|group|approvalsStillNeeded}. */
  @QueryMethod
  List<String> openTasks();

  @QueryMethod
  String stage();
}
