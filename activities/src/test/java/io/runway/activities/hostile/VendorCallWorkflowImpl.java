package io.runway.activities.hostile;

import io.runway.lifecycle.activity.TicketingActivities;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

public class VendorCallWorkflowImpl implements VendorCallWorkflow {

  private boolean cancelRequested;

  @Override
  public String call(Call call) {
    TicketingActivities ticketing = Workflow.newActivityStub(TicketingActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(call.taskQueue())
        .setStartToCloseTimeout(call.startToClose())
        .setHeartbeatTimeout(call.heartbeat())
        // the workflow hears of the cancellation only once the activity has actually stopped
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(call.firstRetry()).setBackoffCoefficient(1.0)
            .setMaximumAttempts(call.attempts()).build())
        .build());
    Promise<String>[] result = new Promise[1];
    CancellationScope scope = Workflow.newCancellationScope(() -> result[0] = call.open() != null
        ? Async.function(ticketing::openTicket, call.open()).thenApply(ref -> ref.id())
        : Async.procedure(ticketing::updateTicket, call.update()).thenApply(done -> "updated"));
    scope.run();
    Workflow.await(() -> cancelRequested || result[0].isCompleted());
    if (!result[0].isCompleted()) {
      scope.cancel();
    }
    try {
      return result[0].get();
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof CanceledFailure) {
        return "cancelled";
      }
      throw failure;
    }
  }

  @Override
  public void cancel() {
    cancelRequested = true;
  }
}
