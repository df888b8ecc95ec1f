package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.openReview;
import static io.runway.lifecycle.Drive.openTask;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskView;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A system of record that stays down past its retries opens an incident for engineering; the initiative never fails. */
class IntegrationIncidentTest {

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  Drive drive;

  @BeforeEach
  void setUp(WorkflowClient client, Worker worker) {
    drive = new Drive(client, worker.getTaskQueue());
  }

  private static TaskView incident(InitiativeWorkflow stub, Gate gate) {
    return openTask(stub, gate, TaskKind.INTEGRATION_INCIDENT);
  }

  @Test
  void aCrmThatRefusesOpensAnIncidentAndTheGatesWaitUntilEngineeringRetries() {
    systems.crmRefusals.set(1);
    InitiativeWorkflow stub = drive.launch(request("crm-down", RiskTier.MINIMAL));

    TaskView incident = incident(stub, null);
    assertThat(incident.candidateGroup()).isEqualTo("engineering");
    assertThat(incident.findings()).contains("updating the CRM record failed").contains("Salesforce answered HTTP 400");
    assertThat(stub.view().tasks()).noneMatch(t -> t.kind() == TaskKind.GATE_REVIEW);

    stub.complete(new CompleteCommand(incident.id(), member("engineering", 1), Decision.RETRY, null, null, null, null));

    openReview(stub, Gate.SECURITY_REVIEW);
    assertThat(systems.crm).containsKey("crm-down");
    assertThat(stub.view().stage()).isEqualTo(Stage.SECURITY_REVIEW);
  }

  @Test
  void skippingATicketNeedsAJustificationAndTheGateGoesOnWithoutIt() {
    systems.ticketRefusals.set(1);
    InitiativeWorkflow stub = drive.launch(request("ticket-down", RiskTier.MINIMAL));
    TaskView incident = incident(stub, Gate.SECURITY_REVIEW);
    assertThat(incident.id()).isEqualTo("ticket-down.security-review-incident.1");

    assertThatThrownBy(() -> stub.complete(new CompleteCommand(incident.id(), member("engineering", 1), Decision.SKIP, " ", null, null, null)))
        .isInstanceOf(WorkflowUpdateException.class).hasStackTraceContaining("justify going on without the system of record");
    assertThatThrownBy(() -> stub.complete(new CompleteCommand(incident.id(), member("security", 1), Decision.RETRY, null, null, null, null)))
        .isInstanceOf(WorkflowUpdateException.class).hasStackTraceContaining("not in group engineering");

    stub.complete(new CompleteCommand(incident.id(), member("engineering", 2), Decision.SKIP, "Jira maintenance until Monday", null, null,
        null));

    Drive.approve(stub, Gate.SECURITY_REVIEW, member("security", 1));
    openReview(stub, Gate.DATA_READINESS);
    assertThat(Drive.gateView(stub.view(), Gate.SECURITY_REVIEW).ticket()).isNull();
  }
}
