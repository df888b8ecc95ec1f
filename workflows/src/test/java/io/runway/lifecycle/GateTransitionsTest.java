package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.approve;
import static io.runway.lifecycle.Drive.decide;
import static io.runway.lifecycle.Drive.eventually;
import static io.runway.lifecycle.Drive.gateView;
import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.openReview;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.activity.CrmRecord;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.EndCommand;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.ReclassifyCommand;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What happens at a gate transition beside the review itself: a reclassification that adds a gate
 * of a phase already reached opens it at once, and the CRM record follows every transition.
 */
class GateTransitionsTest {

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  Drive drive;

  @BeforeEach
  void setUp(WorkflowClient client, Worker worker) {
    drive = new Drive(client, worker.getTaskQueue());
  }

  @Test
  void aReclassificationThatAddsAnEarlierGateOpensItAtOnceAndTheNextPhaseWaitsForIt() {
    InitiativeWorkflow stub = drive.launch(request("late-legal", RiskTier.MINIMAL));
    approve(stub, Gate.SECURITY_REVIEW, member("security", 1));
    approve(stub, Gate.DATA_READINESS, member("data-engineering", 1));
    openReview(stub, Gate.INTEGRATION);

    // LIMITED adds legal review, a phase-1 gate, while integration (phase 3) is under way
    stub.reclassify(new ReclassifyCommand(member("program-office", 1), RiskTier.LIMITED, "it talks to customers"));

    openReview(stub, Gate.LEGAL_REVIEW);
    assertThat(gateView(stub.view(), Gate.INTEGRATION).status()).as("integration goes on meanwhile").isEqualTo(GateStatus.OPEN);
    eventually(() -> stub.view().stage(), s -> s == Stage.LEGAL_REVIEW, "the stage names the missing check");

    approve(stub, Gate.INTEGRATION, member("engineering", 1));
    eventually(() -> gateView(stub.view(), Gate.INTEGRATION).status(), s -> s == GateStatus.APPROVED, "integration approved");
    assertThat(gateView(stub.view(), Gate.HITL_VALIDATION).status())
        .as("phase 4 waits for the phase-1 gate the reclassification added").isEqualTo(GateStatus.PENDING);
    assertThat(stub.view().stage()).isEqualTo(Stage.LEGAL_REVIEW);

    approve(stub, Gate.LEGAL_REVIEW, member("legal", 1));
    openReview(stub, Gate.HITL_VALIDATION);
    assertThat(stub.view().stage()).isEqualTo(Stage.HITL_VALIDATION);
    assertThat(stub.view().tasks()).filteredOn(t -> t.kind() == TaskKind.GATE_REVIEW && t.gate() == Gate.LEGAL_REVIEW)
        .as("opened once, not again after the phase it was added in").hasSize(1);
  }

  @Test
  void aGateAddedToThePhaseUnderWayRunsBesideTheOthersOfThatPhase() {
    InitiativeWorkflow stub = drive.launch(request("same-phase", RiskTier.MINIMAL));
    openReview(stub, Gate.SECURITY_REVIEW);

    stub.reclassify(new ReclassifyCommand(member("program-office", 1), RiskTier.LIMITED, "it talks to customers"));

    openReview(stub, Gate.LEGAL_REVIEW);
    assertThat(gateView(stub.view(), Gate.SECURITY_REVIEW).status()).isEqualTo(GateStatus.OPEN);
    approve(stub, Gate.SECURITY_REVIEW, member("security", 1));
    eventually(() -> gateView(stub.view(), Gate.SECURITY_REVIEW).status(), s -> s == GateStatus.APPROVED, "security approved");
    assertThat(gateView(stub.view(), Gate.DATA_READINESS).status()).isEqualTo(GateStatus.PENDING);
    approve(stub, Gate.LEGAL_REVIEW, member("legal", 1));
    openReview(stub, Gate.DATA_READINESS);
  }

  @Test
  void theCrmRecordFollowsEveryGateTransitionWithOneUpsertPerChange() {
    InitiativeWorkflow stub = drive.launch(request("crm-follows", RiskTier.LIMITED));
    openReview(stub, Gate.SECURITY_REVIEW);
    openReview(stub, Gate.LEGAL_REVIEW);
    CrmRecord opened = eventually(() -> systems.crm.get("crm-follows"),
        r -> r != null && r.gateStatus() != null && r.gateStatus().contains("SECURITY_REVIEW OPEN")
            && r.gateStatus().contains("LEGAL_REVIEW OPEN"), "CRM shows both phase-1 reviews open");
    assertThat(opened.stage()).isEqualTo(Stage.SECURITY_REVIEW);
    assertThat(opened.gateStatus()).contains("DATA_READINESS PENDING");

    decide(stub, Gate.LEGAL_REVIEW, member("legal", 1), Decision.REQUEST_CHANGES, "add the transparency notice");
    eventually(() -> systems.crm.get("crm-follows").gateStatus(), s -> s.contains("LEGAL_REVIEW CHANGES_REQUESTED"),
        "CRM shows the changes requested");

    approve(stub, Gate.SECURITY_REVIEW, member("security", 1));
    eventually(() -> systems.crm.get("crm-follows").gateStatus(), s -> s.contains("SECURITY_REVIEW APPROVED"),
        "CRM shows security approved");

    stub.withdraw(new EndCommand(member("program-office", 1), "budget cut"));
    WorkflowClient.execute(stub::run, null, null).join();
    CrmRecord last = systems.crm.get("crm-follows");
    assertThat(last.stage()).isEqualTo(Stage.WITHDRAWN);
    assertThat(last.gateStatus()).contains("SECURITY_REVIEW APPROVED").contains("LEGAL_REVIEW CANCELLED");
    // one upsert per state the record went through: never the same record twice in a row
    List<CrmRecord> sent = systems.crmUpserts.stream().filter(r -> r.externalId().equals("crm-follows")).toList();
    for (int i = 1; i < sent.size(); i++) {
      assertThat(sent.get(i)).as("upsert %d repeats upsert %d", i, i - 1).isNotEqualTo(sent.get(i - 1));
    }
    assertThat(sent.getLast()).isEqualTo(last);
  }
}
