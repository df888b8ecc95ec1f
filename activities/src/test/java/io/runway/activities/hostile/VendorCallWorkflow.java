package io.runway.activities.hostile;

import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.activity.TicketUpdate;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * A test workflow that makes one ticketing call through Temporal, with the activity options a
 * scenario chooses: the adapters then run under real timeouts, heartbeats, retries and cancellation.
 */
@WorkflowInterface
public interface VendorCallWorkflow {

  /** One call ({@code open} or {@code update}) on the ticketing worker listening on {@code taskQueue}. */
  record Call(TicketRequest open, TicketUpdate update, String taskQueue, Duration startToClose, Duration heartbeat, int attempts,
      Duration firstRetry) {}

  /** The opened ticket's id, "updated", or "cancelled" when {@link #cancel} came first. */
  @WorkflowMethod
  String call(Call call);

  /** Cancels the call: the activity learns it from its next heartbeat. */
  @SignalMethod
  void cancel();
}
