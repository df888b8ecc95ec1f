package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.awaitStage;
import static io.runway.lifecycle.Drive.eventually;
import static io.runway.lifecycle.Drive.gateView;
import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.openReview;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.EndCommand;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.GateView;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.ProductionEvent;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskView;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SLA timers and life in production, with time skipped rather than waited for. */
class ProductionLifeTest {

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

  @Test
  void remindsAt80PercentEscalatesToLeadAndSponsorAtBreachThenToTheBoard() {
    InitiativeWorkflow stub = drive.launch(request("slow", RiskTier.MINIMAL));
    TaskView task = openReview(stub, Gate.SECURITY_REVIEW);
    stub.claim(new ClaimCommand(task.id(), member("security", 1), false));

    env.sleep(Duration.ofDays(8).plusHours(1));
    eventually(() -> systems.notificationKinds(task.id()), k -> k.contains("SLA_REMINDER"), "reminder");
    assertThat(systems.notificationKinds(task.id())).containsExactly("SLA_REMINDER");
    assertThat(systems.notifications.get(0).recipients()).containsExactly("group:security", "user:security-1");

    env.sleep(Duration.ofDays(2));
    eventually(() -> systems.notificationKinds(task.id()), k -> k.contains("SLA_BREACHED"), "breach escalation");
    assertThat(systems.notifications).filteredOn(n -> n.kind().equals("SLA_BREACHED")).singleElement()
        .satisfies(n -> assertThat(n.recipients()).containsExactly("lead:security", "user:sue.sponsor"));
    assertThat(openReview(stub, Gate.SECURITY_REVIEW).escalationLevel()).isEqualTo(2);

    env.sleep(Duration.ofDays(2));
    eventually(() -> systems.notificationKinds(task.id()), k -> k.contains("ESCALATED_TO_BOARD"), "second escalation");
    assertThat(systems.notifications).filteredOn(n -> n.kind().equals("ESCALATED_TO_BOARD")).singleElement()
        .satisfies(n -> assertThat(n.recipients()).containsExactly("group:governance-board"));
    assertThat(openReview(stub, Gate.SECURITY_REVIEW).escalationLevel()).isEqualTo(3);
  }

  @Test
  void aTaskDecidedInTimeIsNeverChased() {
    InitiativeWorkflow stub = drive.launch(request("quick", RiskTier.MINIMAL));
    TaskView task = openReview(stub, Gate.SECURITY_REVIEW);
    Drive.approve(stub, Gate.SECURITY_REVIEW, member("security", 1));
    openReview(stub, Gate.DATA_READINESS);

    env.sleep(Duration.ofDays(20));
    assertThat(systems.notificationKinds(task.id())).isEmpty();
  }

  @Test
  void driftReopensOnlyTheAffectedGateAndTheInitiativeStaysInProduction() {
    InitiativeWorkflow stub = drive.launch(request("drifting", RiskTier.LIMITED));
    Drive.driveToProduction(stub, RiskTier.LIMITED);

    stub.productionEvent(new ProductionEvent("alert-1", ProductionEventType.DRIFT_ALERT, "PSI 0.31 on amount", null, "monitoring"));

    TaskView revalidation = openReview(stub, Gate.HITL_VALIDATION);
    assertThat(revalidation.round()).isEqualTo(2);
    InitiativeView view = stub.view();
    assertThat(view.stage()).isEqualTo(Stage.IN_PRODUCTION);
    assertThat(view.gates()).filteredOn(g -> g.gate() != Gate.HITL_VALIDATION).extracting(GateView::status)
        .containsOnly(GateStatus.APPROVED);

    Drive.approve(stub, Gate.HITL_VALIDATION, member("business-validation", 2));
    eventually(() -> gateView(stub.view(), Gate.HITL_VALIDATION).status(), s -> s == GateStatus.APPROVED, "re-validated");
    assertThat(systems.promotions).hasSize(1);
  }

  @Test
  void aDuplicateEventDeliveryHasOneEffect() {
    InitiativeWorkflow stub = drive.launch(request("dup-events", RiskTier.MINIMAL));
    Drive.driveToProduction(stub, RiskTier.MINIMAL);
    ProductionEvent event = new ProductionEvent("alert-7", ProductionEventType.DRIFT_ALERT, "drift", null, "monitoring");

    stub.productionEvent(event);
    stub.productionEvent(event);
    stub.productionEvent(event);

    openReview(stub, Gate.HITL_VALIDATION);
    Drive.approve(stub, Gate.HITL_VALIDATION, member("business-validation", 1));
    eventually(() -> gateView(stub.view(), Gate.HITL_VALIDATION).status(), s -> s == GateStatus.APPROVED, "re-validated");
    assertThat(gateView(stub.view(), Gate.HITL_VALIDATION).round()).isEqualTo(2);
  }

  @Test
  void aNewModelVersionIsPromotedOnlyAfterItsGatesPassAgain() {
    InitiativeWorkflow stub = drive.launch(request("versioned", RiskTier.MINIMAL));
    Drive.driveToProduction(stub, RiskTier.MINIMAL);

    stub.productionEvent(new ProductionEvent("mv-4", ProductionEventType.NEW_MODEL_VERSION, "retrained", "4", "mlflow"));
    openReview(stub, Gate.SECURITY_REVIEW);
    assertThat(stub.view().gates()).filteredOn(g -> g.status() == GateStatus.PENDING).extracting(GateView::gate)
        .containsExactly(Gate.HITL_VALIDATION);
    assertThat(systems.promotions).hasSize(1);

    Drive.approve(stub, Gate.SECURITY_REVIEW, member("security", 1));
    Drive.approve(stub, Gate.HITL_VALIDATION, member("business-validation", 1));

    eventually(() -> systems.promotions, p -> p.size() == 2, "second promotion");
    assertThat(systems.promotions.get(1).modelVersion()).isEqualTo("4");
    assertThat(eventually(stub::view, v -> "4".equals(v.modelVersion()), "model version 4").stage()).isEqualTo(Stage.IN_PRODUCTION);
  }

  @Test
  void highRiskInitiativesAreRecertifiedEveryPeriod() {
    InitiativeWorkflow stub = drive.launch(request("recertified", RiskTier.HIGH));
    Drive.driveToProduction(stub, RiskTier.HIGH);

    env.sleep(Duration.ofDays(89));
    assertThat(stub.view().tasks()).noneMatch(t -> t.gate() == Gate.RECERTIFICATION);

    env.sleep(Duration.ofDays(2));
    TaskView recertification = openReview(stub, Gate.RECERTIFICATION);
    assertThat(recertification.candidateGroup()).isEqualTo("governance-board");
    Drive.approve(stub, Gate.RECERTIFICATION, member("governance-board", 1));
    eventually(() -> gateView(stub.view(), Gate.RECERTIFICATION).status(), s -> s == GateStatus.APPROVED, "recertified");

    env.sleep(Duration.ofDays(91));
    assertThat(openReview(stub, Gate.RECERTIFICATION).round()).isEqualTo(2);
  }

  @Test
  void retireEndsTheWorkflow() {
    InitiativeWorkflow stub = drive.launch(request("retiring", RiskTier.MINIMAL));
    Drive.driveToProduction(stub, RiskTier.MINIMAL);

    stub.retire(new EndCommand(member("operations", 1), "replaced by v2 platform"));

    assertThat(WorkflowClient.execute(stub::run, null, null).join()).isEqualTo(Stage.RETIRED);
    assertThat(systems.crm.get("retiring").stage()).isEqualTo(Stage.RETIRED);
  }

  @Test
  void retireBeforeProductionIsIgnoredAndRecorded() {
    InitiativeWorkflow stub = drive.launch(request("early-retire", RiskTier.MINIMAL));
    openReview(stub, Gate.SECURITY_REVIEW);
    stub.retire(new EndCommand(member("operations", 1), "too early"));
    eventually(() -> systems.snapshots.stream().flatMap(x -> x.newTimeline().stream()).toList(),
        t -> t.stream().anyMatch(e -> e.type().equals("RETIRED_IGNORED")), "ignored retire recorded");
    assertThat(stub.view().stage()).isEqualTo(Stage.SECURITY_REVIEW);
  }

  @Test
  void continueAsNewKeepsTheWholeState() {
    InitiativeWorkflow stub = drive.launch(request("long-lived", RiskTier.MINIMAL), 150);
    Drive.driveToProduction(stub, RiskTier.MINIMAL);
    String firstRun = WorkflowStub.fromTyped(stub).getExecution().getRunId();
    InitiativeView before = stub.view();

    for (int i = 0; i < 4; i++) {
      stub.productionEvent(new ProductionEvent("drift-" + i, ProductionEventType.DRIFT_ALERT, "drift " + i, null, "monitoring"));
      Drive.approve(stub, Gate.HITL_VALIDATION, member("business-validation", 1));
      int round = i + 2;
      eventually(() -> gateView(stub.view(), Gate.HITL_VALIDATION), g -> g.round() == round && g.status() == GateStatus.APPROVED,
          "re-validation " + round);
    }

    WorkflowStub current = WorkflowStub.fromTyped(drive.existing("long-lived"));
    String run = eventually(() -> current.describe().getExecution().getRunId(), r -> !r.equals(firstRun), "a new run");
    assertThat(run).isNotEqualTo(firstRun);
    InitiativeView after = drive.existing("long-lived").view();
    assertThat(after.stage()).isEqualTo(Stage.IN_PRODUCTION);
    assertThat(after.evidence().size()).isGreaterThan(before.evidence().size());
    assertThat(after.tasks()).hasSizeGreaterThan(before.tasks().size());
    assertThat(after.launchedBy()).isEqualTo(before.launchedBy());
    assertThat(after.policyVersion()).isEqualTo("test-1");

    drive.existing("long-lived").retire(new EndCommand(member("operations", 1), "done"));
    assertThat(current.getResult(Stage.class)).isEqualTo(Stage.RETIRED);
    // each run projects a snapshot first (a new run has no view to compute a delta from), then deltas
    assertThat(systems.readModel(Lifecycle.workflowId("long-lived"))).isEqualTo(drive.existing("long-lived").view());
    assertThat(systems.projectionCalls).filteredOn("project"::equals).hasSizeGreaterThanOrEqualTo(2);
    assertThat(systems.projectionCalls).filteredOn("projectDelta"::equals).isNotEmpty();
  }
}
