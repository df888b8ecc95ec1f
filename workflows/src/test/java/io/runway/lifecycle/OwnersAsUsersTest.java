package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.evidenceFor;
import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.openReview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An owner named by the e-mail address the identity provider gives a user is that user: they may not
 * decide the initiative's gates, and they may address its findings themselves.
 */
class OwnersAsUsersTest {

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  InitiativeWorkflow stub;
  TaskView security;
  /** Named as an owner by her address, written as the program office typed it. */
  final Actor ana = new Actor("ana", Set.of("security"), "ana@acme.example");

  @BeforeEach
  void launch(WorkflowClient client, Worker worker) {
    InitiativeRequest request = Drive.request("owned-by-mail", RiskTier.MINIMAL);
    InitiativeRequest byMail = new InitiativeRequest(request.key(), request.name(), request.purpose(), request.businessUnit(),
        request.riskTier(), new Owners(" Ana@ACME.example", "tom.tech", "olga.ops"), request.sponsor(), request.dataClasses(),
        request.kpis(), request.budget(), request.modelName(), request.modelVersion());
    stub = new Drive(client, worker.getTaskQueue()).launch(byMail);
    security = openReview(stub, Gate.SECURITY_REVIEW);
  }

  @Test
  void anOwnerNamedByTheirAddressMayNotClaimOrDecideTheirOwnGate() {
    for (Runnable call : List.<Runnable>of(
        () -> stub.claim(new ClaimCommand(security.id(), ana, false)),
        () -> stub.complete(new CompleteCommand(security.id(), ana, Decision.APPROVE, "fine", evidenceFor(security), null,
            null)))) {
      assertThatThrownBy(call::run).isInstanceOf(WorkflowUpdateException.class)
          .cause().isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(Refusal.FORBIDDEN);
            assertThat(f.getOriginalMessage()).contains("ana is an owner of owned-by-mail");
          });
    }
  }

  @Test
  void anOwnerNamedByTheirAddressAddressesTheFindingsThemselves() {
    Drive.decide(stub, Gate.SECURITY_REVIEW, member("security", 1), Decision.REQUEST_CHANGES, "add rate limiting");
    TaskView findings = Drive.openTask(stub, Gate.SECURITY_REVIEW, TaskKind.ADDRESS_FINDINGS);
    Actor stranger = new Actor("bob", Set.of(), "bob@acme.example");
    assertThatThrownBy(() -> stub.complete(new CompleteCommand(findings.id(), stranger, Decision.SUBMIT, "me too", null, null,
        null))).cause().isInstanceOfSatisfying(ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(Refusal.FORBIDDEN));

    TaskView submitted = stub.complete(new CompleteCommand(findings.id(), new Actor("ana", Set.of(), "ana@acme.example"),
        Decision.SUBMIT, "rate limited", null, null, null));

    assertThat(submitted.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(submitted.decidedBy()).isEqualTo("ana");
  }
}
