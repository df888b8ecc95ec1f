package io.runway.worker.observability;

import io.runway.lifecycle.Lifecycle;
import org.slf4j.MDC;

/**
 * The initiative a log line is about, as MDC entries that the structured (JSON) log formats carry
 * as fields and that a log search can filter on. Trace and span ids come from tracing, when it runs.
 */
final class LogContext {

  static final String INITIATIVE_KEY = "initiative.key";
  static final String WORKFLOW_ID = "workflow.id";

  private LogContext() {}

  static void forWorkflow(String workflowId) {
    MDC.put(WORKFLOW_ID, workflowId);
    if (workflowId.startsWith(Lifecycle.WORKFLOW_ID_PREFIX)) {
      MDC.put(INITIATIVE_KEY, workflowId.substring(Lifecycle.WORKFLOW_ID_PREFIX.length()));
    }
  }

  static void forInitiative(String key) {
    MDC.put(INITIATIVE_KEY, key);
    MDC.put(WORKFLOW_ID, Lifecycle.workflowId(key));
  }

  static void clear() {
    MDC.remove(INITIATIVE_KEY);
    MDC.remove(WORKFLOW_ID);
  }
}
