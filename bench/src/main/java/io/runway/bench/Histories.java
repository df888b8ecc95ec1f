package io.runway.bench;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;

/**
 * History size per lifecycle, read from the server (GetWorkflowExecutionHistory, every page): events,
 * bytes (the events' serialized protobuf size, as the server stores and sends them) and the shape a
 * same-shape baseline needs (activities scheduled, local activities, updates, signals).
 */
final class Histories {

  record Shape(int events, long bytes, int activities, int localActivities, int updates, int signals, int timers) {}

  private Histories() {}

  static Shape read(WorkflowServiceStubs service, String workflowId) {
    int events = 0;
    long bytes = 0;
    int activities = 0;
    int local = 0;
    int updates = 0;
    int signals = 0;
    int timers = 0;
    ByteString page = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse r = service.blockingStub().getWorkflowExecutionHistory(
          GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace("default")
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).setNextPageToken(page).build());
      for (HistoryEvent e : r.getHistory().getEventsList()) {
        events++;
        bytes += e.getSerializedSize();
        EventType t = e.getEventType();
        if (t == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          activities++;
        } else if (t == EventType.EVENT_TYPE_MARKER_RECORDED && e.getMarkerRecordedEventAttributes().getMarkerName().contains("LocalActivity")) {
          local++;
        } else if (t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
          updates++;
        } else if (t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
          signals++;
        } else if (t == EventType.EVENT_TYPE_TIMER_STARTED) {
          timers++;
        }
      }
      page = r.getNextPageToken();
    } while (!page.isEmpty());
    return new Shape(events, bytes, activities, local, updates, signals, timers);
  }

  /** Mean of each figure over the histories of {@code workflowIds}; null when none could be read. */
  static Shape mean(WorkflowServiceStubs service, List<String> workflowIds, StringBuilder errors) {
    long n = 0;
    long[] sum = new long[7];
    for (String id : workflowIds) {
      try {
        Shape s = read(service, id);
        long[] v = {s.events(), s.bytes(), s.activities(), s.localActivities(), s.updates(), s.signals(), s.timers()};
        for (int i = 0; i < sum.length; i++) {
          sum[i] += v[i];
        }
        n++;
      } catch (RuntimeException e) {
        if (errors.isEmpty()) {
          errors.append(id).append(": ").append(e.getMessage());
        }
      }
    }
    if (n == 0) {
      return null;
    }
    final long count = n;
    return new Shape((int) Math.round((double) sum[0] / count), Math.round((double) sum[1] / count), (int) Math.round((double) sum[2] / count),
        (int) Math.round((double) sum[3] / count), (int) Math.round((double) sum[4] / count), (int) Math.round((double) sum[5] / count),
        (int) Math.round((double) sum[6] / count));
  }
}
