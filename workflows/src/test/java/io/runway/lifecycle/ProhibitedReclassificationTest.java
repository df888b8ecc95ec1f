package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.approve;
import static io.runway.lifecycle.Drive.decide;
import static io.runway.lifecycle.Drive.eventually;
import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.openReview;
import static io.runway.lifecycle.Drive.openTask;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.ProductionEvent;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.lifecycle.model.ReclassifyCommand;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.policy.GatePolicy;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reclassifying an initiative as PROHIBITED ends it at whatever stage it has reached: REJECTED with
 * the policy's reason, open tasks cancelled, tickets closed, and not one workflow task failed on the
 * way (a failed task is retried for ever and the command that caused it is never answered).
 */
class ProhibitedReclassificationTest {

  /** Far above a normal ending (milliseconds), far below "never". */
  private static final long ANSWER_SECONDS = 20;

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  Drive drive;
  TestWorkflowEnvironment env;
  WorkflowClient client;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.drive = new Drive(client, worker.getTaskQueue());
  }

  /** Where the initiative stands when it is reclassified; each brings it there from its launch. */
  interface Reach {
    void from(InitiativeWorkflow stub, TestWorkflowEnvironment env, FakeSystems systems);
  }

  record Setting(String name, RiskTier tier, boolean complete, Reach reach) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> settings() {
    return Stream.of(
        new Setting("at intake, with the intake task open", RiskTier.LIMITED, false,
            (stub, env, systems) -> openTask(stub, null, TaskKind.INTAKE_COMPLETION)),
        new Setting("in security and legal review, security claimed", RiskTier.LIMITED, true, (stub, env, systems) -> {
          var security = openReview(stub, Gate.SECURITY_REVIEW);
          openReview(stub, Gate.LEGAL_REVIEW);
          stub.claim(new ClaimCommand(security.id(), member("security", 1), false));
        }),
        new Setting("with the owners' findings open", RiskTier.LIMITED, true, (stub, env, systems) -> {
          decide(stub, Gate.SECURITY_REVIEW, member("security", 1), Decision.REQUEST_CHANGES, "add rate limiting");
          openTask(stub, Gate.SECURITY_REVIEW, TaskKind.ADDRESS_FINDINGS);
        }),
        new Setting("in data readiness", RiskTier.LIMITED, true, (stub, env, systems) -> {
          passPhasesBefore(stub, RiskTier.LIMITED, 2);
          openReview(stub, Gate.DATA_READINESS);
        }),
        new Setting("with integration approved and waiting for its ticket", RiskTier.LIMITED, true, (stub, env, systems) -> {
          passPhasesBefore(stub, RiskTier.LIMITED, 3);
          approve(stub, Gate.INTEGRATION, member("engineering", 1));
          eventually(() -> Drive.gateView(stub.view(), Gate.INTEGRATION).status(), st -> st == GateStatus.OPEN,
              "integration approved, its gate still open until the ticket is resolved");
        }),
        new Setting("in HITL validation", RiskTier.LIMITED, true, (stub, env, systems) -> {
          passPhasesBefore(stub, RiskTier.LIMITED, 4);
          openReview(stub, Gate.HITL_VALIDATION);
        }),
        new Setting("in the go-live decision with one of two approvals", RiskTier.HIGH, true, (stub, env, systems) -> {
          passPhasesBefore(stub, RiskTier.HIGH, 5);
          approve(stub, Gate.GO_LIVE_DECISION, member("governance-board", 1));
        }),
        new Setting("in the operations handover", RiskTier.LIMITED, true, (stub, env, systems) -> {
          passPhasesBefore(stub, RiskTier.LIMITED, 6);
          openReview(stub, Gate.OPERATIONS_HANDOVER);
        }),
        new Setting("in production", RiskTier.LIMITED, true, (stub, env, systems) -> Drive.driveToProduction(stub, RiskTier.LIMITED)),
        new Setting("in production with a re-opened gate", RiskTier.LIMITED, true, (stub, env, systems) -> {
          Drive.driveToProduction(stub, RiskTier.LIMITED);
          stub.productionEvent(new ProductionEvent("drift-1", ProductionEventType.DRIFT_ALERT, "PSI 0.3", null, "monitoring"));
          eventually(() -> Drive.findOpen(stub.view(), Gate.HITL_VALIDATION, TaskKind.GATE_REVIEW), o -> o.isPresent(),
              "re-validation open");
        }),
        new Setting("in production with a recertification open", RiskTier.HIGH, true, (stub, env, systems) -> {
          Drive.driveToProduction(stub, RiskTier.HIGH);
          env.sleep(Duration.ofDays(91));
          openReview(stub, Gate.RECERTIFICATION);
        }),
        new Setting("with an integration incident open", RiskTier.LIMITED, true, (stub, env, systems) -> {
          passPhasesBefore(stub, RiskTier.LIMITED, 2);
          openReview(stub, Gate.DATA_READINESS);
          eventually(() -> Drive.gateView(stub.view(), Gate.DATA_READINESS).ticket(), t -> t != null, "data readiness ticket");
          // the next ticket opened is integration's: the ticketing system refuses it for good
          systems.ticketRefusals.set(1);
          approve(stub, Gate.DATA_READINESS, member("data-engineering", 1));
          openTask(stub, Gate.INTEGRATION, TaskKind.INTEGRATION_INCIDENT);
        })).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void aProhibitedReclassificationEndsTheInitiativeRejectedWithoutFailingAWorkflowTask(Setting setting) throws Exception {
    String key = "prohibited";
    InitiativeRequest request = setting.complete() ? request(key, setting.tier())
        : new InitiativeRequest(key, "Churn model", null, "Retail", setting.tier(), null, null, List.of(), List.of(), null,
            null, null);
    InitiativeWorkflow stub = drive.launch(request);
    setting.reach().from(stub, env, systems);

    InitiativeView answer = Drive.answered(() -> stub.reclassify(new ReclassifyCommand(member("governance-board", 2),
        RiskTier.PROHIBITED, "uses real-time remote biometric identification")));

    assertThat(answer.stage()).isEqualTo(Stage.REJECTED);
    assertThat(answer.riskTier()).isEqualTo(RiskTier.PROHIBITED);
    Stage end = client.newUntypedWorkflowStub(Lifecycle.workflowId(key)).getResult(ANSWER_SECONDS, TimeUnit.SECONDS,
        Stage.class);
    assertThat(end).isEqualTo(Stage.REJECTED);
    InitiativeView last = systems.snapshots.getLast().view();
    assertThat(last.stage()).isEqualTo(Stage.REJECTED);
    assertThat(last.outcomeReason()).contains("reclassified PROHIBITED by governance-board-2")
        .contains("uses real-time remote biometric identification").contains("Article 5");
    assertThat(last.tasks()).as("no task is left open").noneMatch(t -> t.status() == TaskStatus.OPEN);
    assertThat(systems.ticketStatus).as("every ticket the initiative opened is closed")
        .allSatisfy((id, status) -> assertThat(status).isIn("DONE", "CANCELLED"));
    assertThat(client.fetchHistory(Lifecycle.workflowId(key)).getEvents())
        .as("no workflow task failed").noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
  }

  @org.junit.jupiter.api.Test
  void aReclassificationToATierThePolicyDoesNotDefineIsRefusedByTheValidator() {
    var policy = TestPolicy.policy();
    var tiers = new java.util.EnumMap<>(policy.tiers());
    tiers.remove(RiskTier.MINIMAL);
    systems.policy = new io.runway.lifecycle.policy.LifecyclePolicy(policy.version(), policy.prohibitedReason(), tiers,
        policy.escalation(), policy.reopenOn(), policy.intakeGroup(), policy.intakeSla(), policy.findingsGroup(),
        policy.findingsSla(), policy.incidentSla());
    InitiativeWorkflow stub = drive.launch(request("no-minimal", RiskTier.LIMITED));
    openReview(stub, Gate.SECURITY_REVIEW);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Drive.answered(() -> stub.reclassify(
            new ReclassifyCommand(member("program-office", 1), RiskTier.MINIMAL, "no personal data after all"))))
        .isInstanceOf(io.temporal.client.WorkflowUpdateException.class)
        .cause().isInstanceOfSatisfying(io.temporal.failure.ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(Refusal.INVALID);
          assertThat(f.getOriginalMessage()).contains("defines no gates for risk tier MINIMAL");
        });
    assertThat(Drive.answered(stub::view).riskTier()).isEqualTo(RiskTier.LIMITED);
  }

  private static void passPhasesBefore(InitiativeWorkflow stub, RiskTier tier, int phase) {
    TestPolicy.policy().tier(tier).gates().stream().filter(g -> g.phase() < phase)
        .sorted(Comparator.comparingInt(GatePolicy::phase)).forEach(g -> Drive.pass(stub, g));
  }
}
