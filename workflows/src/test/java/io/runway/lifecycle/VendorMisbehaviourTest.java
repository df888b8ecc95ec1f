package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.eventually;
import static io.runway.lifecycle.Drive.gateView;
import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.openReview;
import static io.runway.lifecycle.Drive.openTask;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.lifecycle.activity.Notification;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskView;
import io.runway.lifecycle.model.TimelineEntry;
import io.runway.lifecycle.policy.GatePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lifecycle when a system of record misbehaves (issue 16): each wait on a failing vendor is on the
 * timeline and engineering hears after five minutes; the stage never moves to IN_PRODUCTION ahead of
 * the registry and the CRM; a gate waiting for its ticket reads the ticket's status now and then;
 * data readiness is not approved before its metrics are read, and a metric that is not a number shows
 * as invalid. Time is skipped, not waited for.
 */
class VendorMisbehaviourTest {

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  Drive drive;
  TestWorkflowEnvironment env;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    drive = new Drive(client, worker.getTaskQueue());
  }

  private List<TimelineEntry> timeline() {
    return systems.snapshots.stream().flatMap(s -> s.newTimeline().stream()).distinct().toList();
  }

  private List<TimelineEntry> entries(String type) {
    return timeline().stream().filter(e -> e.type().equals(type)).toList();
  }

  @Test
  void eachWaitOnAFailingVendorIsOnTheTimelineAndEngineeringIsNotifiedAfterFiveMinutes() {
    systems.ticketOutages.set(9);
    InitiativeWorkflow stub = drive.launch(request("jira-outage", RiskTier.MINIMAL));

    openReview(stub, Gate.SECURITY_REVIEW);
    env.sleep(Duration.ofMinutes(20));
    eventually(() -> gateView(stub.view(), Gate.SECURITY_REVIEW).ticket(), t -> t != null, "the ticket, on attempt 10");
    eventually(() -> entries(VendorWaits.ANSWERED), e -> !e.isEmpty(), "the answer on the timeline");

    List<TimelineEntry> waits = entries(VendorWaits.WAITING);
    assertThat(waits).hasSize(9);
    assertThat(waits.get(0).gate()).isEqualTo(Gate.SECURITY_REVIEW);
    assertThat(waits.get(0).detail()).isEqualTo("waiting on Jira: opening the SECURITY_REVIEW ticket, attempt 1 of 12 failed"
        + " (Jira create issue answered HTTP 503: Service Unavailable); next at " + waits.get(0).at().plusSeconds(2));
    assertThat(waits.get(4).detail()).contains("attempt 5 of 12").endsWith("next at " + waits.get(4).at().plusSeconds(32));
    assertThat(entries(VendorWaits.ANSWERED)).singleElement().extracting(TimelineEntry::detail)
        .isEqualTo("opening the SECURITY_REVIEW ticket went through on attempt 10");
    List<Notification> notices = systems.notifications.stream().filter(n -> n.kind().equals(VendorWaits.NOTIFICATION_KIND)).toList();
    assertThat(notices).singleElement().satisfies(n -> {
      assertThat(n.recipients()).containsExactly("group:engineering");
      assertThat(n.subject()).startsWith("Jira has been failing for jira-outage since");
      assertThat(n.taskId()).isNull();
    });
    Instant notified = entries(VendorWaits.NOTIFICATION_KIND).get(0).at();
    assertThat(Duration.between(waits.get(0).at(), notified)).isGreaterThanOrEqualTo(VendorWaits.NOTIFY_AFTER);
    assertThat(stub.view().tasks()).noneMatch(t -> t.kind() == TaskKind.INTEGRATION_INCIDENT);
  }

  @Test
  void aVendorsRetryAfterSetsTheWaitButNeverPastTheTenMinuteCap() {
    systems.ticketOutages.set(1);
    systems.outageRetryAfter = Duration.ofHours(1);
    InitiativeWorkflow stub = drive.launch(request("retry-after", RiskTier.MINIMAL));
    openReview(stub, Gate.SECURITY_REVIEW);
    env.sleep(Duration.ofMinutes(11));

    eventually(() -> gateView(stub.view(), Gate.SECURITY_REVIEW).ticket(), t -> t != null, "the ticket");

    TimelineEntry wait = entries(VendorWaits.WAITING).get(0);
    assertThat(wait.detail()).endsWith("next at " + wait.at().plus(Duration.ofMinutes(10)));
  }

  @Test
  void afterTwelveFailedAttemptsTheIntegrationIncidentOpens() {
    systems.ticketOutages.set(12);
    InitiativeWorkflow stub = drive.launch(request("jira-down", RiskTier.MINIMAL));
    openReview(stub, Gate.SECURITY_REVIEW);
    env.sleep(Duration.ofMinutes(40));

    TaskView incident = openTask(stub, Gate.SECURITY_REVIEW, TaskKind.INTEGRATION_INCIDENT);

    assertThat(incident.findings()).isEqualTo("opening the SECURITY_REVIEW ticket failed: Jira create issue answered HTTP 503: Service Unavailable");
    assertThat(entries(VendorWaits.WAITING)).hasSize(11);
  }

  @Test
  void theStageMovesToInProductionOnlyOnceTheModelIsPromotedAndTheCrmRecordUpdated() {
    systems.promoteRefusals.set(1);
    InitiativeWorkflow stub = drive.launch(request("alias-down", RiskTier.MINIMAL));
    passEveryGate(stub);

    TaskView incident = openTask(stub, null, TaskKind.INTEGRATION_INCIDENT);
    assertThat(incident.findings()).startsWith("promoting version 3 failed");
    assertThat(stub.view().stage()).isEqualTo(Stage.OPERATIONS_HANDOVER);
    assertThat(systems.crm.get("alias-down").stage()).isNotEqualTo(Stage.IN_PRODUCTION);
    assertThat(entries("WENT_LIVE")).isEmpty();

    stub.complete(new CompleteCommand(incident.id(), member("engineering", 1), Decision.RETRY, null, null, null, null));

    Drive.awaitStage(stub, Stage.IN_PRODUCTION);
    assertThat(systems.promotions).singleElement().extracting(p -> p.modelVersion()).isEqualTo("3");
    assertThat(systems.crm.get("alias-down").stage()).isEqualTo(Stage.IN_PRODUCTION);
    assertThat(systems.crm.get("alias-down").goLiveDate()).isNotNull();
    List<String> order = timeline().stream().map(TimelineEntry::type)
        .filter(t -> List.of("GOING_LIVE", "INTEGRATION_INCIDENT", "CRM_RECORD_UPSERTED", "WENT_LIVE").contains(t)).toList();
    assertThat(order).containsSubsequence("GOING_LIVE", "INTEGRATION_INCIDENT", "WENT_LIVE");
  }

  @Test
  void engineeringCanGoLiveWithoutThePromotionOnlyByAnExplicitJustifiedSkip() {
    systems.promoteRefusals.set(1);
    InitiativeWorkflow stub = drive.launch(request("alias-skipped", RiskTier.MINIMAL));
    passEveryGate(stub);
    TaskView incident = openTask(stub, null, TaskKind.INTEGRATION_INCIDENT);

    stub.complete(new CompleteCommand(incident.id(), member("engineering", 1), Decision.SKIP,
        "alias set by hand in MLflow while its API is down", null, null, null));

    Drive.awaitStage(stub, Stage.IN_PRODUCTION);
    assertThat(entries("WENT_LIVE")).singleElement().extracting(TimelineEntry::detail).asString().endsWith("; promotion skipped");
    assertThat(entries("INTEGRATION_SKIPPED")).singleElement().extracting(TimelineEntry::actor).isEqualTo("engineering-1");
  }

  @Test
  void aGateAwaitingItsTicketFindsItResolvedByReadingItsStatusWhenNoEventCame() {
    InitiativeWorkflow stub = drive.launch(request("lost-webhook", RiskTier.LIMITED));
    for (GatePolicy gate : TestPolicy.policy().tier(RiskTier.LIMITED).gates()) {
      if (gate.phase() < 3) {
        Drive.pass(stub, gate);
      }
    }
    Drive.approve(stub, Gate.INTEGRATION, member("engineering", 1));
    eventually(() -> timeline().stream().anyMatch(e -> e.type().equals("AWAITING_TICKET")), b -> b, "the gate awaiting its ticket");
    String ticket = gateView(stub.view(), Gate.INTEGRATION).ticket().id();

    // resolved in the ticketing system itself; its webhook never reaches Runway
    systems.ticketStatus.put(ticket, "RESOLVED");
    env.sleep(Tickets.STATUS_READ_EVERY.plusMinutes(1));

    eventually(() -> gateView(stub.view(), Gate.INTEGRATION).status(), s -> s == GateStatus.APPROVED, "the integration gate approved");
    assertThat(entries("TICKET_RESOLVED")).last().extracting(TimelineEntry::detail).isEqualTo(ticket + " RESOLVED (read from fake)");
    assertThat(systems.statusReads.get()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void dataReadinessCannotBeApprovedWhileItsMetricsReadIsFailing() {
    systems.metricsRefusals.set(1);
    InitiativeWorkflow stub = drive.launch(request("metrics-down", RiskTier.LIMITED));
    Drive.pass(stub, TestPolicy.policy().tier(RiskTier.LIMITED).gate(Gate.SECURITY_REVIEW).orElseThrow());
    Drive.pass(stub, TestPolicy.policy().tier(RiskTier.LIMITED).gate(Gate.LEGAL_REVIEW).orElseThrow());
    TaskView incident = openTask(stub, Gate.DATA_READINESS, TaskKind.INTEGRATION_INCIDENT);
    TaskView review = openReview(stub, Gate.DATA_READINESS);
    assertThat(review.awaitingMetrics()).isTrue();

    assertThatThrownBy(() -> stub.complete(new CompleteCommand(review.id(), member("data-engineering", 1), Decision.APPROVE, "fine",
        Drive.evidenceFor(review), null, null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("DATA_READINESS cannot be approved yet: its metrics have not been read from the model registry");

    stub.complete(new CompleteCommand(incident.id(), member("engineering", 1), Decision.RETRY, null, null, null, null));
    TaskView read = Drive.approvableReview(stub, Gate.DATA_READINESS);
    assertThat(read.metrics()).containsEntry("data_quality_score", 0.97);
    stub.complete(new CompleteCommand(read.id(), member("data-engineering", 1), Decision.APPROVE, "fine", Drive.evidenceFor(read), null,
        null));
    eventually(() -> gateView(stub.view(), Gate.DATA_READINESS).status(), s -> s == GateStatus.APPROVED, "data readiness approved");
  }

  @Test
  void aMetricWhoseValueIsNotANumberIsShownInvalidOnTheTask() {
    systems.invalidMetrics.put("data_quality_score", "\"n/a\"");
    InitiativeWorkflow stub = drive.launch(request("metrics-invalid", RiskTier.LIMITED));
    Drive.pass(stub, TestPolicy.policy().tier(RiskTier.LIMITED).gate(Gate.SECURITY_REVIEW).orElseThrow());
    Drive.pass(stub, TestPolicy.policy().tier(RiskTier.LIMITED).gate(Gate.LEGAL_REVIEW).orElseThrow());

    TaskView review = Drive.approvableReview(stub, Gate.DATA_READINESS);

    assertThat(review.invalidMetrics()).containsEntry("data_quality_score", "\"n/a\"");
    assertThat(eventually(() -> entries("METRICS_READ"), e -> !e.isEmpty(), "the metrics on the timeline")).last()
        .extracting(TimelineEntry::detail).asString().contains("not a number, shown as invalid: {data_quality_score=\"n/a\"}");
  }

  /** Every gate of the tier approved, without waiting for the stage that follows. */
  private static void passEveryGate(InitiativeWorkflow stub) {
    TestPolicy.policy().tier(RiskTier.MINIMAL).gates().stream()
        .sorted(java.util.Comparator.comparingInt(GatePolicy::phase))
        .forEach(gate -> Drive.pass(stub, gate));
  }
}
