package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.actor;
import static io.runway.lifecycle.Drive.eventually;
import static io.runway.lifecycle.Drive.evidenceFor;
import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.openReview;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.ReadinessException;
import io.runway.lifecycle.model.ReadinessExceptionCommand;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskView;
import io.runway.lifecycle.policy.MetricBound;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Data readiness holds the line: approval refused on metrics outside their bounds, except under an approved, expiring exception. */
class ReadinessThresholdsTest {

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  TestWorkflowEnvironment env;
  InitiativeWorkflow stub;
  TaskView readiness;

  @BeforeEach
  void toDataReadiness(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    systems.metrics.put("data_quality_score", 0.91);
    stub = new Drive(client, worker.getTaskQueue()).launch(request("bounded", RiskTier.LIMITED));
    Drive.approve(stub, Gate.SECURITY_REVIEW, member("security", 1));
    Drive.approve(stub, Gate.LEGAL_REVIEW, member("legal", 1));
    readiness = eventually(() -> openReview(stub, Gate.DATA_READINESS), t -> !t.metrics().isEmpty(), "metrics on the task");
  }

  private CompleteCommand approval(Actor actor, Map<String, Double> typed) {
    return new CompleteCommand(readiness.id(), actor, Decision.APPROVE, "fit for purpose", evidenceFor(readiness), typed, null);
  }

  private LocalDate today() {
    return LocalDate.ofInstant(Instant.ofEpochMilli(env.currentTimeMillis()), ZoneOffset.UTC);
  }

  @Test
  void theTaskCarriesItsBoundsAndApprovalIsRefusedNamingTheFailingMetricItsValueAndItsBound() {
    assertThat(readiness.thresholds()).containsExactly(new MetricBound("data_quality_score", 0.95, null));
    assertThat(readiness.metrics()).containsEntry("data_quality_score", 0.91);

    assertRefused(() -> stub.complete(approval(member("data-engineering", 1), Map.of("data_quality_score", 0.99))), Refusal.INVALID,
        "data readiness cannot be approved while metrics miss their bounds: data_quality_score is 0.91 (must be at least 0.95)");
    assertThat(openReview(stub, Gate.DATA_READINESS).status()).isEqualTo(io.runway.lifecycle.model.TaskStatus.OPEN);
  }

  @Test
  void aMetricTheSystemDidNotReportIsMissingUnlessTypedWithTheDecision() {
    systems.metrics.remove("data_quality_score");
    Drive.decide(stub, Gate.DATA_READINESS, member("data-engineering", 1), Decision.REQUEST_CHANGES, "re-measure");
    var findings = Drive.openTask(stub, Gate.DATA_READINESS, TaskKind.ADDRESS_FINDINGS);
    stub.complete(new CompleteCommand(findings.id(), actor("tom.tech"), Decision.SUBMIT, "done", null, null, null));
    readiness = eventually(() -> openReview(stub, Gate.DATA_READINESS), t -> t.round() == 2, "round 2");

    assertRefused(() -> stub.complete(approval(member("data-engineering", 1), Map.of())), Refusal.INVALID,
        "data_quality_score is missing (must be at least 0.95)");
    stub.complete(approval(member("data-engineering", 1), Map.of("data_quality_score", 0.96)));
    eventually(() -> Drive.gateView(stub.view(), Gate.DATA_READINESS).status(), s -> s == GateStatus.APPROVED, "approved");
  }

  @Test
  void anExceptionApprovedByASecondBoardMemberLetsTheGatePassUntilItExpiresAndThenTheGateComesRoundAgain() {
    Actor dana = actor("dana", "data-engineering", "governance-board");
    ReadinessException asked = stub.requestReadinessException(new ReadinessExceptionCommand(dana,
        "vendor feed fix lands next month; scores above 0.9 are acceptable for the pilot region", today().plusDays(30)));
    assertThat(asked.status()).isEqualTo(ReadinessException.Status.REQUESTED);
    TaskView boardTask = Drive.openTask(stub, Gate.DATA_READINESS, TaskKind.READINESS_EXCEPTION);
    assertThat(boardTask.candidateGroup()).isEqualTo("governance-board");
    assertThat(boardTask.findings()).contains("vendor feed fix lands next month");

    assertRefused(() -> stub.complete(new CompleteCommand(boardTask.id(), dana, Decision.APPROVE, "ok", null, null, null)),
        Refusal.FORBIDDEN, "dana asked for this exception; a second person from the governance board must decide it");
    assertRefused(() -> stub.complete(approval(member("data-engineering", 1), Map.of())), Refusal.INVALID, "data_quality_score is 0.91");

    stub.complete(new CompleteCommand(boardTask.id(), member("governance-board", 1), Decision.APPROVE, "until the fix", null, null, null));
    eventually(() -> systems.valueSnapshots.isEmpty() ? null : systems.valueSnapshots.getLast().summary().readinessExceptions().getFirst(),
        e -> e != null && e.status() == ReadinessException.Status.ACTIVE, "the active exception");
    stub.complete(approval(member("data-engineering", 1), Map.of()));
    eventually(() -> Drive.gateView(stub.view(), Gate.DATA_READINESS).status(), s -> s == GateStatus.APPROVED, "approved under it");

    env.sleep(Duration.ofDays(32));
    eventually(() -> systems.valueSnapshots.getLast().summary().readinessExceptions().getFirst().status(),
        s -> s == ReadinessException.Status.EXPIRED, "expired");
    // the phase under way finishes; then the gate approved under the exception comes round again, before the next phase
    Drive.pass(stub, TestPolicy.policy().tier(RiskTier.LIMITED).gate(Gate.INTEGRATION).orElseThrow());

    TaskView again = eventually(() -> openReview(stub, Gate.DATA_READINESS), t -> t.round() == 2 && !t.metrics().isEmpty(),
        "data readiness re-opened, its metrics read again");
    assertThat(again.metrics()).containsEntry("data_quality_score", 0.91);
    assertThat(systems.valueSnapshots.getLast().summary().readinessExceptions().getFirst().status())
        .isEqualTo(ReadinessException.Status.EXPIRED);
    assertRefused(() -> stub.complete(new CompleteCommand(again.id(), member("data-engineering", 1), Decision.APPROVE, "ok",
        evidenceFor(again), null, null)), Refusal.INVALID, "data_quality_score is 0.91");
  }

  @Test
  void anExceptionNeedsAJustificationAnExpiryAheadAndAnOpenGate() {
    Actor reviewer = member("data-engineering", 1);
    assertRefused(() -> stub.requestReadinessException(new ReadinessExceptionCommand(reviewer, " ", today().plusDays(5))),
        Refusal.INVALID, "justification is required");
    assertRefused(() -> stub.requestReadinessException(new ReadinessExceptionCommand(reviewer, "why", today())),
        Refusal.INVALID, "expiresOn: a date after");
    assertRefused(() -> stub.requestReadinessException(new ReadinessExceptionCommand(reviewer, "why", today().plusDays(400))),
        Refusal.INVALID, "at most 365 days ahead");
    assertRefused(() -> stub.requestReadinessException(new ReadinessExceptionCommand(member("security", 1), "why", today().plusDays(5))),
        Refusal.FORBIDDEN, "only the gate's reviewers and the program office");
    stub.requestReadinessException(new ReadinessExceptionCommand(reviewer, "why", today().plusDays(5)));
    assertRefused(() -> stub.requestReadinessException(new ReadinessExceptionCommand(reviewer, "again", today().plusDays(5))),
        Refusal.CONFLICT, "exception rx-1 is already REQUESTED");
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String type, String message) {
    assertThatThrownBy(call).isInstanceOf(WorkflowUpdateException.class)
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(type);
          assertThat(f.getOriginalMessage()).contains(message);
        });
  }
}
