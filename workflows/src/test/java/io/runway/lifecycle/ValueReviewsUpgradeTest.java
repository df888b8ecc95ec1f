package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.eventually;
import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.KpiActualCommand;
import io.runway.lifecycle.model.KpiSource;
import io.runway.lifecycle.model.LaunchInput;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskView;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An initiative that went live on the release before value reviews picks them up after the deploy,
 * without breaking its history. The deploy is simulated in one worker: its factory builds the
 * workflow as released before or after, and emptying its cache makes the next workflow task replay
 * the whole history on the code deployed then, as a restarted worker would.
 */
class ValueReviewsUpgradeTest {

  private final FakeSystems systems = new FakeSystems();
  private final AtomicBoolean deployed = new AtomicBoolean(false);
  private TestWorkflowEnvironment env;
  private Drive drive;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(Instant.parse("2026-11-02T09:00:00Z"))
        .build());
    Worker worker = env.newWorker("upgrade", WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
    worker.registerWorkflowImplementationFactory(InitiativeWorkflow.class, args -> {
      LaunchInput launch = args.get(0, LaunchInput.class);
      InitiativeState carried = args.get(1, InitiativeState.class);
      return new InitiativeWorkflowImpl(launch, carried, deployed.get());
    }, WorkflowImplementationOptions.getDefaultInstance());
    worker.registerActivitiesImplementations(systems);
    env.start();
    drive = new Drive(env.getWorkflowClient(), "upgrade");
  }

  private void deploy() {
    deployed.set(true);
    io.temporal.worker.WorkflowCaches.empty(env.getWorkerFactory());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void anInitiativeAlreadyInProductionStartsItsValueReviewsAtItsFirstFigureAfterTheDeploy() {
    InitiativeWorkflow stub = drive.launch(request("upgraded", RiskTier.MINIMAL));
    Drive.driveToProduction(stub, RiskTier.MINIMAL);
    env.sleep(Duration.ofDays(40));
    assertThat(stub.view().tasks()).noneMatch(t -> t.kind() == TaskKind.VALUE_REVIEW);

    deploy();
    stub.recordKpiActual(new KpiActualCommand(member("program-office", 1), "false-positive rate", "2026-11", 1.9, KpiSource.MANUAL,
        null));

    TaskView review = Drive.openTask(stub, io.runway.lifecycle.model.Gate.VALUE_REVIEW, TaskKind.VALUE_REVIEW);
    assertThat(review.findings()).isEqualTo("scheduled review");
    var summary = eventually(() -> systems.valueSnapshots.getLast().summary(), s -> s.nextReviewAt() != null, "the schedule");
    assertThat(Duration.between(summary.wentLiveAt(), summary.nextReviewAt())).isEqualTo(Duration.ofDays(120));
  }

  @Test
  void anInitiativeInTheGatesAtTheDeployStartsItsValueReviewsAtGoLive() {
    InitiativeRequest request = request("in-flight", RiskTier.MINIMAL);
    InitiativeWorkflow stub = drive.launch(request);
    Drive.approve(stub, io.runway.lifecycle.model.Gate.SECURITY_REVIEW, member("security", 1));

    deploy();
    TestPolicy.policy().tier(RiskTier.MINIMAL).gates().stream().filter(g -> g.gate() != io.runway.lifecycle.model.Gate.SECURITY_REVIEW)
        .forEach(g -> Drive.pass(stub, g));
    Drive.awaitStage(stub, io.runway.lifecycle.model.Stage.IN_PRODUCTION);
    env.sleep(Duration.ofDays(31));

    TaskView review = Drive.openTask(stub, io.runway.lifecycle.model.Gate.VALUE_REVIEW, TaskKind.VALUE_REVIEW);
    assertThat(review.findings()).isEqualTo("scheduled review");
  }

  /** Not strictly the upgrade: a run the old release started and that never hears a figure has no reviews, as before. */
  @Test
  void withoutTheDeployNothingChanges() {
    InitiativeWorkflow stub = drive.launch(request("unchanged", RiskTier.MINIMAL));
    Drive.driveToProduction(stub, RiskTier.MINIMAL);
    env.sleep(Duration.ofDays(100));
    assertThat(stub.view().tasks()).noneMatch(t -> t.kind() == TaskKind.VALUE_REVIEW);
    assertThat(systems.valueSnapshots).isEmpty();
  }
}
