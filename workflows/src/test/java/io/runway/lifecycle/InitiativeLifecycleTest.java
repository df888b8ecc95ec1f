package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.approve;
import static io.runway.lifecycle.Drive.awaitStage;
import static io.runway.lifecycle.Drive.decide;
import static io.runway.lifecycle.Drive.eventually;
import static io.runway.lifecycle.Drive.gateView;
import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.openReview;
import static io.runway.lifecycle.Drive.openTask;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.EndCommand;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.GateView;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.ReclassifyCommand;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InitiativeLifecycleTest {

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  Drive drive;

  @BeforeEach
  void setUp(WorkflowClient client, Worker worker) {
    drive = new Drive(client, worker.getTaskQueue());
  }

  @ParameterizedTest
  @EnumSource(value = RiskTier.class, names = {"MINIMAL", "LIMITED", "HIGH"})
  void reachesProductionWhenEveryGateOfTheTierApproves(RiskTier tier) {
    InitiativeWorkflow stub = drive.launch(request("fraud-scoring", tier));

    Drive.driveToProduction(stub, tier);

    InitiativeView view = stub.view();
    assertThat(view.policyVersion()).isEqualTo("test-1");
    assertThat(view.gates()).extracting(GateView::gate)
        .containsExactlyElementsOf(TestPolicy.policy().tier(tier).gates().stream()
            .sorted(java.util.Comparator.comparingInt(p -> p.phase())).map(p -> p.gate()).toList());
    // go-live writes to the registry and the CRM after the stage changes: wait for them
    eventually(() -> systems.crm.get("fraud-scoring").stage(), st -> st == Stage.IN_PRODUCTION, "CRM at IN_PRODUCTION");
    assertThat(eventually(() -> systems.promotions, p -> !p.isEmpty(), "a promotion")).singleElement().satisfies(p -> {
      assertThat(p.modelName()).isEqualTo("fraud-model");
      assertThat(p.modelVersion()).isEqualTo("3");
      assertThat(p.alias()).isEqualTo("production");
    });
    eventually(() -> systems.ticketStatus.values(), s -> s.stream().allMatch("DONE"::equals), "every ticket closed");
    assertThat(systems.ticketStatus).hasSize(view.gates().size());
    assertThat(systems.snapshots).isNotEmpty();
  }

  @Test
  void refusesProhibitedInitiativesAtIntakeWithTheReason() {
    InitiativeWorkflow stub = drive.launch(request("social-scoring", RiskTier.PROHIBITED));

    Stage end = WorkflowClient.execute(stub::run, null, null).join();

    assertThat(end).isEqualTo(Stage.REJECTED);
    InitiativeView last = systems.snapshots.get(systems.snapshots.size() - 1).view();
    assertThat(last.stage()).isEqualTo(Stage.REJECTED);
    assertThat(last.outcomeReason()).contains("Article 5");
    assertThat(last.tasks()).isEmpty();
  }

  @Test
  void opensAnIntakeTaskForMissingItemsAndGoesOnOnceTheyAreSupplied() {
    InitiativeRequest incomplete = new InitiativeRequest("churn", "Churn model", null, "Retail", RiskTier.MINIMAL, null, null,
        List.of(), List.of(), null, null, null);
    InitiativeWorkflow stub = drive.launch(incomplete);

    TaskView intake = openTask(stub, null, TaskKind.INTAKE_COMPLETION);
    assertThat(intake.candidateGroup()).isEqualTo("program-office");
    assertThat(intake.missingItems()).anyMatch(m -> m.startsWith("purpose")).anyMatch(m -> m.startsWith("owners.business"));
    assertThat(stub.view().stage()).isEqualTo(Stage.INTAKE);

    InitiativeRequest amendment = request("churn", RiskTier.MINIMAL);
    stub.complete(new CompleteCommand(intake.id(), member("program-office", 2), Decision.SUBMIT, "added", null, null, amendment));

    TaskView security = openReview(stub, Gate.SECURITY_REVIEW);
    assertThat(security.candidateGroup()).isEqualTo("security");
    assertThat(stub.view().request().purpose()).isEqualTo("Score card transactions");
    assertThat(stub.view().request().name()).isEqualTo("Fraud scoring");
  }

  @Test
  void runsSecurityAndLegalInParallelAndWaitsForBoth() {
    InitiativeWorkflow stub = drive.launch(request("parallel", RiskTier.LIMITED));
    openReview(stub, Gate.SECURITY_REVIEW);
    openReview(stub, Gate.LEGAL_REVIEW);

    approve(stub, Gate.LEGAL_REVIEW, member("legal", 1));
    eventually(() -> gateView(stub.view(), Gate.LEGAL_REVIEW).status(), s -> s == GateStatus.APPROVED, "legal approved");
    assertThat(gateView(stub.view(), Gate.DATA_READINESS).status()).isEqualTo(GateStatus.PENDING);
    assertThat(stub.view().stage()).isEqualTo(Stage.SECURITY_REVIEW);

    approve(stub, Gate.SECURITY_REVIEW, member("security", 2));
    openReview(stub, Gate.DATA_READINESS);
    TaskView data = eventually(() -> openReview(stub, Gate.DATA_READINESS), t -> !t.metrics().isEmpty(), "metrics on the task");
    assertThat(data.metrics()).containsEntry("data_quality_score", 0.97);
    assertThat(awaitStage(stub, Stage.DATA_READINESS).gates()).hasSize(6);
  }

  @Test
  void runsParallelReviewsFinishingSecurityFirst() {
    InitiativeWorkflow stub = drive.launch(request("parallel-2", RiskTier.LIMITED));
    approve(stub, Gate.SECURITY_REVIEW, member("security", 1));
    eventually(() -> gateView(stub.view(), Gate.SECURITY_REVIEW).status(), s -> s == GateStatus.APPROVED, "security approved");
    assertThat(stub.view().stage()).isEqualTo(Stage.LEGAL_REVIEW);
    approve(stub, Gate.LEGAL_REVIEW, member("legal", 1));
    openReview(stub, Gate.DATA_READINESS);
  }

  @Test
  void requestChangesSendsFindingsToTheOwnersAndReopensTheGate() {
    InitiativeWorkflow stub = drive.launch(request("loop", RiskTier.MINIMAL));
    decide(stub, Gate.SECURITY_REVIEW, member("security", 1), Decision.REQUEST_CHANGES, "add rate limiting");

    TaskView findings = openTask(stub, Gate.SECURITY_REVIEW, TaskKind.ADDRESS_FINDINGS);
    assertThat(findings.candidateUsers()).containsExactly("ana.owner", "tom.tech", "olga.ops");
    assertThat(findings.findings()).isEqualTo("add rate limiting");
    assertThat(gateView(stub.view(), Gate.SECURITY_REVIEW).status()).isEqualTo(GateStatus.CHANGES_REQUESTED);
    eventually(() -> systems.notifications, n -> n.stream().anyMatch(x -> x.kind().equals("CHANGES_REQUESTED")), "owners told");

    stub.complete(new CompleteCommand(findings.id(), Drive.actor("tom.tech"), Decision.SUBMIT, "rate limiting added", null, null, null));

    TaskView second = openReview(stub, Gate.SECURITY_REVIEW);
    assertThat(second.round()).isEqualTo(2);
    assertThat(second.id()).isEqualTo("loop.security-review.2");
    approve(stub, Gate.SECURITY_REVIEW, member("security", 1));
    openReview(stub, Gate.DATA_READINESS);
    assertThat(systems.ticketsByRequestKey).containsKey("loop/security-review/1").doesNotContainKey("loop/security-review/2");
  }

  @Test
  void rejectEndsTheInitiativeAndCancelsTheParallelReview() {
    InitiativeWorkflow stub = drive.launch(request("rejected", RiskTier.LIMITED));
    openReview(stub, Gate.SECURITY_REVIEW);
    decide(stub, Gate.LEGAL_REVIEW, member("legal", 1), Decision.REJECT, "no lawful basis for processing");

    Stage end = WorkflowClient.execute(stub::run, null, null).join();

    assertThat(end).isEqualTo(Stage.REJECTED);
    InitiativeView last = systems.snapshots.get(systems.snapshots.size() - 1).view();
    assertThat(last.outcomeReason()).contains("LEGAL_REVIEW rejected by legal-1: no lawful basis");
    assertThat(last.tasks()).filteredOn(t -> t.gate() == Gate.SECURITY_REVIEW).extracting(TaskView::status)
        .containsExactly(TaskStatus.CANCELLED);
    assertThat(systems.ticketStatus.values()).containsOnly("CANCELLED");
  }

  @Test
  void withdrawalMidReviewClosesOpenTasksAndTickets() {
    InitiativeWorkflow stub = drive.launch(request("withdrawn", RiskTier.LIMITED));
    openReview(stub, Gate.SECURITY_REVIEW);
    openReview(stub, Gate.LEGAL_REVIEW);

    stub.withdraw(new EndCommand(member("program-office", 1), "business case gone"));
    Stage end = WorkflowClient.execute(stub::run, null, null).join();

    assertThat(end).isEqualTo(Stage.WITHDRAWN);
    InitiativeView last = systems.snapshots.get(systems.snapshots.size() - 1).view();
    assertThat(last.tasks()).extracting(TaskView::status).containsOnly(TaskStatus.CANCELLED);
    assertThat(last.gates()).filteredOn(g -> g.gate() == Gate.SECURITY_REVIEW).extracting(GateView::status)
        .containsExactly(GateStatus.CANCELLED);
    assertThat(last.outcomeReason()).isEqualTo("business case gone");
    assertThat(systems.ticketStatus.values()).containsOnly("CANCELLED");
    assertThat(systems.crm.get("withdrawn").stage()).isEqualTo(Stage.WITHDRAWN);
  }

  @Test
  void reclassifyingLimitedToHighAddsTheGoLiveDecision() {
    InitiativeWorkflow stub = drive.launch(request("upgraded", RiskTier.LIMITED));
    openReview(stub, Gate.SECURITY_REVIEW);
    assertThat(stub.view().gates()).extracting(GateView::gate).doesNotContain(Gate.GO_LIVE_DECISION);

    InitiativeView view = stub.reclassify(new ReclassifyCommand(member("program-office", 1), RiskTier.HIGH, "processes biometric data"));

    assertThat(view.riskTier()).isEqualTo(RiskTier.HIGH);
    assertThat(view.gates()).extracting(GateView::gate).contains(Gate.GO_LIVE_DECISION);
    Drive.driveToProduction(stub, RiskTier.HIGH);
    assertThat(gateView(stub.view(), Gate.GO_LIVE_DECISION).decidedBy()).containsExactly("governance-board-1", "governance-board-2");
  }

  @Test
  void reclassifyingHighToMinimalDropsGatesNoLongerRequired() {
    InitiativeWorkflow stub = drive.launch(request("downgraded", RiskTier.HIGH));
    TaskView legal = openReview(stub, Gate.LEGAL_REVIEW);

    stub.reclassify(new ReclassifyCommand(member("governance-board", 1), RiskTier.MINIMAL, "no personal data after all"));

    eventually(() -> stub.view().tasks().stream().filter(t -> t.id().equals(legal.id())).findFirst().orElseThrow().status(),
        s -> s == TaskStatus.CANCELLED, "legal review cancelled");
    assertThat(stub.view().gates()).extracting(GateView::gate).doesNotContain(Gate.GO_LIVE_DECISION);
    assertThat(gateView(stub.view(), Gate.LEGAL_REVIEW).status()).isEqualTo(GateStatus.CANCELLED);
    Drive.driveToProduction(stub, RiskTier.MINIMAL);
  }

  @Test
  void goLiveNeedsTwoDistinctApproversFromTheBoard() {
    InitiativeWorkflow stub = drive.launch(request("two-approvers", RiskTier.HIGH));
    TestPolicy.policy().tier(RiskTier.HIGH).gates().stream().filter(g -> g.phase() < 5)
        .sorted(java.util.Comparator.comparingInt(p -> p.phase())).forEach(g -> Drive.pass(stub, g));

    TaskView first = approve(stub, Gate.GO_LIVE_DECISION, member("governance-board", 1));
    assertThat(first.status()).isEqualTo(TaskStatus.OPEN);
    assertThat(first.approvals()).containsExactly("governance-board-1");
    assertThat(stub.view().stage()).isEqualTo(Stage.GO_LIVE_DECISION);

    TaskView second = approve(stub, Gate.GO_LIVE_DECISION, member("governance-board", 2));
    assertThat(second.status()).isEqualTo(TaskStatus.COMPLETED);
    openReview(stub, Gate.OPERATIONS_HANDOVER);
  }

  @Test
  void integrationWaitsForItsTicketToBeResolvedAsWellAsTheSignOff() {
    InitiativeWorkflow stub = drive.launch(request("integration", RiskTier.LIMITED));
    TestPolicy.policy().tier(RiskTier.LIMITED).gates().stream().filter(g -> g.phase() < 3).forEach(g -> Drive.pass(stub, g));

    approve(stub, Gate.INTEGRATION, member("engineering", 1));
    eventually(() -> stub.view().gates(), g -> gateView(stub.view(), Gate.INTEGRATION).ticket() != null, "integration ticket");
    assertThat(gateView(stub.view(), Gate.INTEGRATION).status()).isEqualTo(GateStatus.OPEN);
    assertThat(stub.view().stage()).isEqualTo(Stage.INTEGRATION);

    String ticket = gateView(stub.view(), Gate.INTEGRATION).ticket().id();
    stub.ticketEvent(new io.runway.lifecycle.model.TicketEvent(ticket, "RESOLVED", "jira"));
    openReview(stub, Gate.HITL_VALIDATION);
  }

  @Test
  void aTicketResolvedBeforeTheWorkflowHeardBackFromOpeningItIsNotLost() throws Exception {
    systems.holdTicketOpeningFor = Gate.INTEGRATION;
    InitiativeWorkflow stub = drive.launch(request("early-resolution", RiskTier.LIMITED));
    TestPolicy.policy().tier(RiskTier.LIMITED).gates().stream().filter(g -> g.phase() < 3).forEach(g -> Drive.pass(stub, g));
    openReview(stub, Gate.INTEGRATION);
    String ticket = systems.heldTicketId.get(15, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(gateView(stub.view(), Gate.INTEGRATION).ticket()).as("the workflow has not heard back yet").isNull();

    stub.ticketEvent(new io.runway.lifecycle.model.TicketEvent(ticket, "RESOLVED", "jira"));
    eventually(() -> systems.snapshots.stream().flatMap(x -> x.newTimeline().stream()).toList(),
        t -> t.stream().anyMatch(e -> e.type().equals("TICKET_RESOLVED")), "the early resolution recorded");
    systems.releaseTicketOpening();

    approve(stub, Gate.INTEGRATION, member("engineering", 1));
    openReview(stub, Gate.HITL_VALIDATION);
  }
}
