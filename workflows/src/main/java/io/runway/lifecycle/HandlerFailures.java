package io.runway.lifecycle;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Keeps a bug in an update or signal handler from wedging the workflow. Left alone, any exception
 * that is not a Temporal failure fails the whole workflow task, which Temporal retries for ever: the
 * caller waits without an answer and every later command queues behind it. With this interceptor an
 * update handler that throws fails that update (the caller gets {@link #TYPE} with the message) and a
 * signal handler that throws is logged and dropped. The validators stay the first line: what they can
 * foresee they refuse before anything is written to history. Registered on every worker that runs the
 * lifecycle (the application's, the tests', the replayer's).
 */
public final class HandlerFailures extends WorkerInterceptorBase {

  /** The failure type an update gets when its handler threw instead of completing. */
  public static final String TYPE = "io.runway.lifecycle.HandlerFailure";

  private static final Logger log = Workflow.getLogger(HandlerFailures.class);

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public UpdateOutput executeUpdate(UpdateInput input) {
        try {
          return super.executeUpdate(input);
        } catch (TemporalFailure failure) {
          throw failure;
        } catch (RuntimeException bug) {
          log.error("update {} failed in its handler; the update is refused, the workflow goes on", input.getUpdateName(), bug);
          throw ApplicationFailure.newNonRetryableFailureWithCause(
              "Runway could not carry out " + input.getUpdateName() + ": " + bug.getMessage(), TYPE, bug);
        }
      }

      @Override
      public void handleSignal(SignalInput input) {
        try {
          super.handleSignal(input);
        } catch (TemporalFailure failure) {
          throw failure;
        } catch (RuntimeException bug) {
          log.error("signal {} failed in its handler and is dropped; the workflow goes on", input.getSignalName(), bug);
        }
      }
    };
  }
}
