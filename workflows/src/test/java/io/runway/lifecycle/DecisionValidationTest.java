package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.actor;
import static io.runway.lifecycle.Drive.approve;
import static io.runway.lifecycle.Drive.evidenceFor;
import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.openReview;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.EvidenceCommand;
import io.runway.lifecycle.model.EvidenceInput;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.ReclassifyCommand;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.TaskView;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every refusal of the update validators, and that a refused update changes nothing. */
class DecisionValidationTest {

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  InitiativeWorkflow stub;
  TaskView security;

  @BeforeEach
  void launch(WorkflowClient client, Worker worker) {
    stub = new Drive(client, worker.getTaskQueue()).launch(request("guarded", RiskTier.HIGH));
    security = openReview(stub, Gate.SECURITY_REVIEW);
  }

  private CompleteCommand approval(String taskId, Actor actor, List<EvidenceInput> evidence) {
    return new CompleteCommand(taskId, actor, Decision.APPROVE, "ok", evidence, null, null);
  }

  /** Refused, with the type and message the API shows, and nothing a command could touch has changed. */
  private void assertRefused(ThrowingCallable call, String type, String message) {
    InitiativeView before = stub.view();
    assertThatThrownBy(call)
        .isInstanceOf(WorkflowUpdateException.class)
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(type);
          assertThat(f.getOriginalMessage()).contains(message);
        });
    InitiativeView after = stub.view();
    assertThat(after.evidence()).isEqualTo(before.evidence());
    assertThat(after.riskTier()).isEqualTo(before.riskTier());
    assertThat(after.tasks()).filteredOn(t -> before.tasks().stream().anyMatch(b -> b.id().equals(t.id())))
        .isEqualTo(before.tasks());
  }

  @Test
  void refusesADecisionFromOutsideTheCandidateGroup() {
    assertRefused(() -> stub.complete(approval(security.id(), member("legal", 1), evidenceFor(security))),
        Refusal.FORBIDDEN, "legal-1 is not in group security");
  }

  @Test
  void refusesAnOwnerDecidingTheirOwnGate() {
    assertRefused(() -> stub.complete(approval(security.id(), actor("tom.tech", "security"), evidenceFor(security))),
        Refusal.FORBIDDEN, "tom.tech is an owner of guarded");
  }

  @Test
  void refusesTheRequesterDecidingTheirOwnGate() {
    assertRefused(() -> stub.complete(approval(security.id(), actor(Drive.LAUNCHER, "security", "program-office"), evidenceFor(security))),
        Refusal.FORBIDDEN, "launched guarded");
  }

  @Test
  void refusesApprovalWithoutTheRequiredEvidenceNamingWhatIsMissing() {
    assertRefused(() -> stub.complete(approval(security.id(), member("security", 1), List.of())),
        Refusal.INVALID, "needs evidence of kind threat-model");
  }

  @Test
  void acceptsEvidenceAttachedToTheInitiativeBeforeTheDecision() {
    stub.attachEvidence(new EvidenceCommand(actor("ana.owner"), Gate.SECURITY_REVIEW,
        new EvidenceInput("threat-model", "STRIDE model", "https://wiki.example/stride", "a".repeat(64))));
    TaskView done = stub.complete(approval(security.id(), member("security", 1), List.of()));
    assertThat(done.decision()).isEqualTo(Decision.APPROVE);
    assertThat(stub.view().evidence()).singleElement().satisfies(e -> assertThat(e.addedBy()).isEqualTo("ana.owner"));
  }

  @Test
  void refusesATaskThatIsNoLongerOpen() {
    approve(stub, Gate.SECURITY_REVIEW, member("security", 1));
    assertRefused(() -> stub.complete(approval(security.id(), member("security", 2), evidenceFor(security))),
        Refusal.CONFLICT, "is COMPLETED");
  }

  @Test
  void refusesAnUnknownTask() {
    assertRefused(() -> stub.complete(approval("guarded.nothing.1", member("security", 1), List.of())),
        Refusal.NOT_FOUND, "has no task guarded.nothing.1");
  }

  @Test
  void refusesRejectionWithoutAReason() {
    assertRefused(() -> stub.complete(new CompleteCommand(security.id(), member("security", 1), Decision.REJECT, " ", null, null, null)),
        Refusal.INVALID, "comment is required with REJECT");
  }

  @Test
  void refusesADecisionThatDoesNotFitTheTask() {
    assertRefused(() -> stub.complete(new CompleteCommand(security.id(), member("security", 1), Decision.SUBMIT, null, null, null, null)),
        Refusal.INVALID, "does not apply to a GATE_REVIEW task");
  }

  @Test
  void refusesEvidenceThatIsNotAnHttpLink() {
    List<EvidenceInput> bad = List.of(new EvidenceInput("threat-model", "model", "file:///etc/passwd", null));
    assertRefused(() -> stub.complete(approval(security.id(), member("security", 1), bad)), Refusal.INVALID, "absolute http(s) link");
  }

  /** What the API refuses (F7) the workflow refuses too, for a caller who sends the update to Temporal directly. */
  @Test
  void refusesMeasurementsThatAreNotFinite() {
    assertRefused(() -> stub.complete(new CompleteCommand(security.id(), member("security", 1), Decision.REQUEST_CHANGES,
        "measure again", null, java.util.Map.of("auc", Double.NaN), null)), Refusal.INVALID, "metrics.auc must be a finite number");
  }

  @Test
  void claimIsExclusiveUntilReleased() {
    TaskView claimed = stub.claim(new ClaimCommand(security.id(), member("security", 1), false));
    assertThat(claimed.assignee()).isEqualTo("security-1");

    assertRefused(() -> stub.claim(new ClaimCommand(security.id(), member("security", 2), false)), Refusal.CONFLICT,
        "already claimed by security-1");
    assertRefused(() -> stub.complete(approval(security.id(), member("security", 2), evidenceFor(security))), Refusal.CONFLICT,
        "claimed by security-1");
    assertRefused(() -> stub.claim(new ClaimCommand(security.id(), member("security", 2), true)), Refusal.CONFLICT,
        "not claimed by security-2");

    assertThat(stub.claim(new ClaimCommand(security.id(), member("security", 1), true)).assignee()).isNull();
    assertThat(stub.claim(new ClaimCommand(security.id(), member("security", 2), false)).assignee()).isEqualTo("security-2");
  }

  @Test
  void refusesAClaimFromOutsideTheGroup() {
    assertRefused(() -> stub.claim(new ClaimCommand(security.id(), member("admin", 1), false)), Refusal.FORBIDDEN,
        "admin-1 is not in group security");
  }

  @Test
  void refusesReclassificationByOtherRolesOrToTheSameTier() {
    assertRefused(() -> stub.reclassify(new ReclassifyCommand(member("security", 1), RiskTier.LIMITED, "why not")),
        Refusal.FORBIDDEN, "only program-office and governance-board");
    assertRefused(() -> stub.reclassify(new ReclassifyCommand(member("program-office", 1), RiskTier.HIGH, "again")),
        Refusal.CONFLICT, "already classified HIGH");
    assertRefused(() -> stub.reclassify(new ReclassifyCommand(member("program-office", 1), RiskTier.LIMITED, "")),
        Refusal.INVALID, "reason is required");
  }

  @Test
  void refusesEvidenceFromSomeoneWithNoPartInTheInitiative() {
    assertRefused(() -> stub.attachEvidence(new EvidenceCommand(member("legal", 1), null,
        new EvidenceInput("threat-model", "x", "https://x.example", null))), Refusal.FORBIDDEN, "may not attach evidence");
  }

  @Test
  void refusesTheSameBoardMemberApprovingGoLiveTwice() {
    TestPolicy.policy().tier(RiskTier.HIGH).gates().stream().filter(g -> g.phase() < 5)
        .sorted(java.util.Comparator.comparingInt(p -> p.phase())).forEach(g -> Drive.pass(stub, g));
    TaskView goLive = approve(stub, Gate.GO_LIVE_DECISION, member("governance-board", 1));

    assertRefused(() -> stub.complete(approval(goLive.id(), member("governance-board", 1), evidenceFor(goLive))),
        Refusal.CONFLICT, "governance-board-1 has already approved");
  }

  @Test
  void refusesAClaimFromTheBoardMemberWhoAlreadyGaveTheFirstGoLiveApproval() {
    TestPolicy.policy().tier(RiskTier.HIGH).gates().stream().filter(g -> g.phase() < 5)
        .sorted(java.util.Comparator.comparingInt(p -> p.phase())).forEach(g -> Drive.pass(stub, g));
    TaskView goLive = approve(stub, Gate.GO_LIVE_DECISION, member("governance-board", 1));

    // holding the claim would keep the task from the second approver
    assertRefused(() -> stub.claim(new ClaimCommand(goLive.id(), member("governance-board", 1), false)),
        Refusal.CONFLICT, "governance-board-1 has already approved " + goLive.id());
    assertThat(stub.claimRefusal(new ClaimCommand(goLive.id(), member("governance-board", 1), false)))
        .contains("has already approved");
    // the second approver may claim it, and the query says so
    assertThat(stub.claimRefusal(new ClaimCommand(goLive.id(), member("governance-board", 2), false))).isNull();
    assertThat(stub.claim(new ClaimCommand(goLive.id(), member("governance-board", 2), false)).assignee())
        .isEqualTo("governance-board-2");
  }

  @Test
  void theClaimQueryGivesTheSameAnswerAsTheValidatorWithoutChangingAnything() {
    assertThat(stub.claimRefusal(new ClaimCommand(security.id(), actor("tom.tech", "security"), false)))
        .contains("tom.tech is an owner of guarded");
    assertThat(stub.claimRefusal(new ClaimCommand(security.id(), member("legal", 1), false)))
        .contains("legal-1 is not in group security");
    assertThat(stub.claimRefusal(new ClaimCommand(security.id(), member("security", 1), false))).isNull();
    assertThat(stub.view().tasks()).filteredOn(t -> t.id().equals(security.id())).singleElement()
        .satisfies(t -> assertThat(t.assignee()).isNull());
  }

  @Test
  void refusesEveryCommandFromAnAuditorEvenOneAlsoInTheCandidateGroup() {
    Actor auditingReviewer = actor("audrey", "auditor", "security");
    assertRefused(() -> stub.claim(new ClaimCommand(security.id(), auditingReviewer, false)), Refusal.FORBIDDEN,
        "read-only everywhere");
    assertRefused(() -> stub.complete(approval(security.id(), auditingReviewer, evidenceFor(security))), Refusal.FORBIDDEN,
        "read-only everywhere");
    assertRefused(() -> stub.attachEvidence(new EvidenceCommand(actor("audrey", "auditor", "program-office"), null,
        new EvidenceInput("threat-model", "x", "https://x.example", null))), Refusal.FORBIDDEN, "read-only everywhere");
    assertRefused(() -> stub.reclassify(new ReclassifyCommand(actor("audrey", "auditor", "governance-board"), RiskTier.LIMITED,
        "lower")), Refusal.FORBIDDEN, "read-only everywhere");
  }

  @Test
  void refusesAnAdminDecidingAReviewEvenOneAlsoInTheCandidateGroup() {
    Actor adminReviewer = actor("adam", "admin", "security");
    assertRefused(() -> stub.claim(new ClaimCommand(security.id(), adminReviewer, false)), Refusal.FORBIDDEN,
        "admins manage Runway and never decide reviews");
    assertRefused(() -> stub.complete(approval(security.id(), adminReviewer, evidenceFor(security))), Refusal.FORBIDDEN,
        "admins manage Runway and never decide reviews");
  }

  @Test
  void theReviewerWhoRequestedChangesMayApproveTheResubmissionButTheResubmitterMayNot() {
    Actor reviewer = member("security", 1);
    Actor resubmitter = actor("pat.po", "program-office", "security");
    Drive.decide(stub, Gate.SECURITY_REVIEW, reviewer, Decision.REQUEST_CHANGES, "add rate limiting");
    TaskView findings = Drive.openTask(stub, Gate.SECURITY_REVIEW, io.runway.lifecycle.model.TaskKind.ADDRESS_FINDINGS);
    stub.complete(new CompleteCommand(findings.id(), resubmitter, Decision.SUBMIT, "rate limited", null, null, null));
    TaskView round2 = Drive.eventually(() -> openReview(stub, Gate.SECURITY_REVIEW), t -> t.round() == 2, "round 2");

    assertRefused(() -> stub.complete(approval(round2.id(), resubmitter, evidenceFor(round2))), Refusal.FORBIDDEN,
        "pat.po resubmitted SECURITY_REVIEW");
    assertThat(stub.complete(approval(round2.id(), reviewer, evidenceFor(round2))).decision()).isEqualTo(Decision.APPROVE);
  }
}
