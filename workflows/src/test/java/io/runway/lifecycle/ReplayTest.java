package io.runway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.lifecycle.model.LaunchInput;
import io.runway.lifecycle.model.Stage;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded history of every released version must replay on the current code; a change
 * that running workflows could see must go behind {@code Workflow.getVersion}. Histories are
 * recorded by {@link HistoryRecorder} into {@code src/test/resources/histories/}.
 */
class ReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  static Stream<Path> histories() throws IOException {
    List<Path> files;
    try (Stream<Path> listed = Files.list(HISTORIES)) {
      files = listed.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("recorded histories in " + HISTORIES).isNotEmpty();
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("histories")
  void recordedHistoryReplaysOnTheCurrentCode(Path file) throws Exception {
    WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(file));
    assertThat(history.getEvents()).hasSizeGreaterThan(100);

    replay(history, InitiativeWorkflowImpl.class);
  }

  @Test
  void aChangeRunningWorkflowsCouldSeeIsCaughtByReplay() throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(histories().findFirst().orElseThrow()));

    assertThatThrownBy(() -> replay(history, UnversionedChange.class))
        .hasStackTraceContaining("NonDeterministicException")
        .hasStackTraceContaining("does not match command type COMMAND_TYPE_START_TIMER");
  }

  /**
   * From v12 the projection writes a snapshot once per run and deltas after it (issue 12): the recorded
   * history replays the delta path, which the older files, all snapshots, do not.
   */
  @Test
  void theV12HistoryProjectsDeltasAfterOneSnapshot() throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(HISTORIES.resolve("initiative-high-lifecycle-v12.json")));
    List<String> projections = history.getEvents().stream()
        .filter(e -> e.hasActivityTaskScheduledEventAttributes())
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .filter(name -> name.equals("Project") || name.equals("ProjectDelta"))
        .toList();
    assertThat(projections).first().isEqualTo("Project");
    assertThat(projections).filteredOn("ProjectDelta"::equals).hasSize(projections.size() - 1);
  }

  /**
   * Why the validators' rules need no {@code Workflow.getVersion}: the SDK skips validators on replay
   * (a rejected update writes nothing to history), so tightening them cannot break a recorded history.
   * If a future SDK ran them on replay, this would fail and validator changes would need versioning.
   */
  @Test
  void updateValidatorsTakeNoPartInReplay() throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(histories().reduce((first, last) -> last).orElseThrow()));
    assertThat(history.getEvents()).anyMatch(e -> e.hasWorkflowExecutionUpdateAcceptedEventAttributes());

    replay(history, RefusesEveryUpdate.class);
  }

  /**
   * Replays on a worker whose deadlock detection allows for a cold JVM on a busy 2-core machine:
   * the first deserialisation of the state can take over the default second, which is not a deadlock.
   */
  private static void replay(WorkflowExecutionHistory history, Class<?> implementation) throws Exception {
    // the application's worker configuration: HandlerFailures only acts when a handler throws
    TestEnvironmentOptions options = TestEnvironmentOptions.newBuilder()
        .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new HandlerFailures()).build())
        .build();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options)) {
      Worker worker = env.newWorker("replay", WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
      worker.registerWorkflowImplementationTypes(implementation);
      WorkflowReplayer.replayWorkflowExecution(history, worker);
    }
  }

  /** The lifecycle with validators that refuse every command. */
  public static class RefusesEveryUpdate extends InitiativeWorkflowImpl {

    @WorkflowInit
    public RefusesEveryUpdate(LaunchInput launch, InitiativeState carried) {
      super(launch, carried);
    }

    @Override
    public void validateClaim(io.runway.lifecycle.model.ClaimCommand command) {
      throw Refusal.forbidden("nobody may claim");
    }

    @Override
    public void validateComplete(io.runway.lifecycle.model.CompleteCommand command) {
      throw Refusal.forbidden("nobody may complete");
    }
  }

  /** The lifecycle with a timer added up front and not behind {@code Workflow.getVersion}: a breaking change. */
  public static class UnversionedChange extends InitiativeWorkflowImpl {

    @WorkflowInit
    public UnversionedChange(LaunchInput launch, InitiativeState carried) {
      super(launch, carried);
    }

    @Override
    public Stage run(LaunchInput launch, InitiativeState carried) {
      Workflow.sleep(Duration.ofMinutes(1));
      return super.run(launch, carried);
    }
  }
}
