package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.EndCommand;
import io.runway.lifecycle.model.TaskView;
import io.runway.lifecycle.policy.GatePolicy;
import java.util.Comparator;
import java.util.List;
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
    System.out.println("largest parts: " + largestParts(client.fetchHistory(Lifecycle.workflowId("measured"))));
    assertThat(systems.readModel(Lifecycle.workflowId("measured"))).isEqualTo(stub.view());
    // one snapshot, then deltas
    assertThat(systems.projectionCalls).first().isEqualTo("project");
    assertThat(systems.projectionCalls).filteredOn("project"::equals).hasSize(1);
    // before deltas (a snapshot every time): 473 events, 290,745 bytes, projection inputs 188,125 bytes in 33 calls;
    // with them about 141,000 and 42,000 (the number of calls varies with how changes batch up)
    assertThat(size.projectionBytes).isLessThan(188_125 / 3);
    assertThat(size.bytes).isLessThan(290_745 * 6 / 10);
  }

  /**
   * A reviewer's long comment (the API takes bodies up to 256 KiB) is in the history a fixed number of
   * times: the command, its answer, the delta that completes the task, the ticket comment (5 copies,
   * 244,160 bytes of history for a 20,000-character comment). With a snapshot after every change it was
   * in every later projection as well: 30 copies, 903,035 bytes.
   */
  @Test
  void aLongCommentIsRecordedAFewTimesNotOncePerLaterChange(WorkflowClient client, Worker worker) {
    String comment = "x".repeat(20_000);
    InitiativeWorkflow stub = new Drive(client, worker.getTaskQueue()).launch(request("commented", RiskTier.HIGH));
    List<GatePolicy> gates = TestPolicy.policy().tier(RiskTier.HIGH).gates().stream()
        .sorted(Comparator.comparingInt(GatePolicy::phase)).toList();
    GatePolicy first = gates.getFirst();
    TaskView review = Drive.approvableReview(stub, first.gate());
    stub.complete(new CompleteCommand(review.id(), member(first.candidateGroup(), 1), Decision.APPROVE, comment,
        Drive.evidenceFor(review), null, null));
    for (int n = 2; n <= first.requiredApprovals(); n++) {
      Drive.approve(stub, first.gate(), member(first.candidateGroup(), n));
    }
    gates.stream().skip(1).forEach(gate -> Drive.pass(stub, gate));
    Drive.awaitStage(stub, Stage.IN_PRODUCTION);
    stub.retire(new EndCommand(member("operations", 1), "replaced"));
    WorkflowClient.execute(stub::run, null, null).join();

    WorkflowExecutionHistory history = client.fetchHistory(Lifecycle.workflowId("commented"));
    long copies = history.getEvents().stream().mapToLong(e -> occurrences(e.toString(), comment)).sum();
    System.out.printf("a %d-character comment: %d copies in the history, %d bytes%n", comment.length(), copies,
        history.getHistory().getSerializedSize());
    System.out.println("where: " + history.getEvents().stream().filter(e -> e.toString().contains(comment))
        .map(e -> e.getEventType().name().replace("EVENT_TYPE_", "") + (e.hasActivityTaskScheduledEventAttributes()
            ? " " + e.getActivityTaskScheduledEventAttributes().getActivityType().getName() : "")).toList());
    assertThat(copies).isBetween(1L, 5L);
    assertThat(systems.readModel(Lifecycle.workflowId("commented")).tasks()).extracting(TaskView::comment).contains(comment);
  }

  private static long occurrences(String text, String part) {
    long count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  @Test
  void aReadModelThatLostItsViewGetsASnapshotAndEndsEqualToTheWorkflow(WorkflowClient client, Worker worker) {
    InitiativeWorkflow stub = new Drive(client, worker.getTaskQueue()).launch(request("restored", RiskTier.HIGH));
    Drive.eventually(() -> systems.projectionCalls.size(), n -> n >= 3, "a snapshot and deltas");
    systems.projectionGaps.set(1);
    Drive.driveToProduction(stub, RiskTier.HIGH);
    stub.retire(new EndCommand(member("operations", 1), "replaced"));
    assertThat(WorkflowClient.execute(stub::run, null, null).join()).isEqualTo(Stage.RETIRED);

    assertThat(systems.readModel(Lifecycle.workflowId("restored"))).isEqualTo(stub.view());
    assertThat(systems.projectionCalls).filteredOn("project"::equals).hasSize(2);
    var timeline = systems.snapshots.stream().flatMap(s -> s.newTimeline().stream()).toList();
    assertThat(timeline).extracting(io.runway.lifecycle.model.TimelineEntry::seq).doesNotHaveDuplicates()
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, timeline.size()).boxed().toList());
  }

  /** Bytes by event type (and activity type for scheduled activities), largest first. */
  static java.util.List<String> largestParts(WorkflowExecutionHistory history) {
    java.util.Map<String, Long> bytes = new java.util.HashMap<>();
    for (HistoryEvent event : history.getEvents()) {
      String part = event.getEventType().name().replace("EVENT_TYPE_", "");
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        part += " " + event.getActivityTaskScheduledEventAttributes().getActivityType().getName();
      }
      bytes.merge(part, (long) event.getSerializedSize(), Long::sum);
    }
    return bytes.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
        .map(e -> e.getKey() + " " + e.getValue()).toList();
  }

  record Size(int events, long bytes, long projectionBytes, int projections) {
    static Size of(WorkflowExecutionHistory history) {
      long projectionBytes = 0;
      int projections = 0;
      for (HistoryEvent event : history.getEvents()) {
        if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          var scheduled = event.getActivityTaskScheduledEventAttributes();
          String type = scheduled.getActivityType().getName();
          if (type.equals("Project") || type.equals("ProjectDelta")) {
            projectionBytes += scheduled.getInput().getSerializedSize();
            projections++;
          }
        }
      }
      return new Size(history.getEvents().size(), history.getHistory().getSerializedSize(), projectionBytes, projections);
    }
  }
}
