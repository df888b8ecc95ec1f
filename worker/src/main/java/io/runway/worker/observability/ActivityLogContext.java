package io.runway.worker.observability;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.springframework.stereotype.Component;

/**
 * Puts the workflow id and initiative key into the MDC of every activity execution, so adapters'
 * log lines say which initiative they worked for without each adapter doing it. The Temporal Spring
 * Boot starter registers every {@code WorkerInterceptor} bean with the workers it creates.
 */
@Component
class ActivityLogContext extends WorkerInterceptorBase {

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        LogContext.forWorkflow(context.getInfo().getWorkflowId());
        try {
          return super.execute(input);
        } finally {
          LogContext.clear();
        }
      }
    };
  }
}
