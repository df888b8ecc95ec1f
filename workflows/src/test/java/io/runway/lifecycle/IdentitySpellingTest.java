package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.actor;
import static io.runway.lifecycle.Drive.evidenceFor;
import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.openReview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskView;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * People are the same person however their name is spelt on the initiative: owners written
 * {@code "Security-1"} or {@code " legal-1 "} are the users {@code security-1} and {@code legal-1}
 * when separation of duties is checked, and owners receive their findings tasks the same way.
 */
class IdentitySpellingTest {

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  InitiativeWorkflow stub;

  @BeforeEach
  void launch(WorkflowClient client, Worker worker) {
    InitiativeRequest request = new InitiativeRequest("spelling", "Fraud scoring", "Score card transactions", "Payments",
        RiskTier.LIMITED, new Owners("Security-1", " legal-1 ", "OLGA.OPS\t"), "sue.sponsor", List.of("PERSONAL"),
        List.of(new Kpi("false-positive rate", "%", 4.0, 2.0)), new Budget(new BigDecimal("12000"), "EUR"), null, null);
    stub = new Drive(client, worker.getTaskQueue()).launch(request);
  }

  @Test
  void ownersSpeltWithCapitalsOrSpacesMayNotDecideTheirGates() {
    TaskView security = openReview(stub, Gate.SECURITY_REVIEW);
    TaskView legal = openReview(stub, Gate.LEGAL_REVIEW);

    assertForbidden(() -> stub.complete(approval(security, member("security", 1))), "security-1 is an owner of spelling");
    assertForbidden(() -> stub.claim(new ClaimCommand(legal.id(), member("legal", 1), false)), "legal-1 is an owner of spelling");
    assertThat(stub.complete(approval(security, member("security", 2))).approvals()).containsExactly("security-2");
  }

  @Test
  void theLauncherSpeltDifferentlyMayNotDecideEither() {
    TaskView security = openReview(stub, Gate.SECURITY_REVIEW);

    assertForbidden(() -> stub.complete(approval(security, actor(" Program-Office-1", "program-office", "security"))),
        "launched spelling");
  }

  @Test
  void anOwnerSpeltDifferentlyIsACandidateForTheirFindingsAndHoldsTheirClaim() {
    Drive.decide(stub, Gate.SECURITY_REVIEW, member("security", 2), Decision.REQUEST_CHANGES, "add rate limiting");
    TaskView findings = Drive.openTask(stub, Gate.SECURITY_REVIEW, TaskKind.ADDRESS_FINDINGS);

    assertThat(findings.candidateUsers()).containsExactly("security-1", "legal-1", "olga.ops");
    TaskView claimed = stub.claim(new ClaimCommand(findings.id(), actor("OLGA.OPS"), false));
    assertThat(stub.claim(new ClaimCommand(findings.id(), actor("olga.ops "), true)).assignee())
        .as("the claim of OLGA.OPS is released by olga.ops: the same person").isNull();
    assertThat(claimed.assignee()).isEqualTo("OLGA.OPS");
  }

  private static CompleteCommand approval(TaskView task, io.runway.lifecycle.model.Actor actor) {
    return new CompleteCommand(task.id(), actor, Decision.APPROVE, "ok", evidenceFor(task), null, null);
  }

  private static void assertForbidden(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(WorkflowUpdateException.class)
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(Refusal.FORBIDDEN);
          assertThat(f.getOriginalMessage()).contains(message);
        });
  }
}
