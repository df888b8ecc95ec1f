package io.runway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.EvidenceInput;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.GateView;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.LaunchInput;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import io.runway.lifecycle.model.TicketEvent;
import io.runway.lifecycle.policy.GatePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.WorkerOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Drives initiatives through the workflow the way the API does, as named users of each group. */
final class Drive {

  static final String LAUNCHER = "program-office-1";
  private final WorkflowClient client;
  private final String taskQueue;

  Drive(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** A test environment running the lifecycle against {@code systems}, starting on a fixed Monday morning. */
  static TestWorkflowExtension environment(FakeSystems systems) {
    return builder(systems).build();
  }

  static TestWorkflowExtension.Builder builder(FakeSystems systems) {
    return TestWorkflowExtension.newBuilder()
        .registerWorkflowImplementationTypes(InitiativeWorkflowImpl.class)
        .setActivityImplementations(systems)
        .setInitialTime(Instant.parse("2026-11-02T09:00:00Z"))
        // a cold JVM on a busy 2-core CI machine can spend over the default second loading classes
        .setWorkerOptions(WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
  }

  static InitiativeRequest request(String key, RiskTier tier) {
    return new InitiativeRequest(key, "Fraud scoring", "Score card transactions", "Payments", tier,
        new Owners("ana.owner", "tom.tech", "olga.ops"), "sue.sponsor", List.of("PERSONAL", "FINANCIAL"),
        List.of(new Kpi("false-positive rate", "%", 4.0, 2.0)), new Budget(new BigDecimal("12000"), "EUR"), "fraud-model", "3");
  }

  static Actor actor(String user, String... groups) {
    return new Actor(user, Set.of(groups));
  }

  /** {@code security-1} for group security: the demo users' naming. */
  static Actor member(String group, int n) {
    return actor(group + "-" + n, group);
  }

  InitiativeWorkflow launch(InitiativeRequest request) {
    return launch(request, null);
  }

  InitiativeWorkflow launch(InitiativeRequest request, Integer historyLimit) {
    InitiativeWorkflow stub = client.newWorkflowStub(InitiativeWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(Lifecycle.workflowId(request.key()))
        .setTaskQueue(taskQueue)
        .build());
    WorkflowClient.start(stub::run, new LaunchInput(request, LAUNCHER, null, historyLimit), null);
    return stub;
  }

  InitiativeWorkflow existing(String key) {
    return client.newWorkflowStub(InitiativeWorkflow.class, Lifecycle.workflowId(key));
  }

  static <T> T eventually(Supplier<T> probe, Predicate<T> until, String what) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    T value = probe.get();
    while (!until.test(value)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what + "; last seen: " + value);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      value = probe.get();
    }
    return value;
  }

  static InitiativeView awaitStage(InitiativeWorkflow stub, Stage stage) {
    return eventually(stub::view, v -> v.stage() == stage, "stage " + stage);
  }

  static TaskView openTask(InitiativeWorkflow stub, Gate gate, TaskKind kind) {
    return eventually(() -> findOpen(stub.view(), gate, kind), Optional::isPresent, "an open " + kind + " task for " + gate).get();
  }

  static TaskView openReview(InitiativeWorkflow stub, Gate gate) {
    return openTask(stub, gate, TaskKind.GATE_REVIEW);
  }

  static Optional<TaskView> findOpen(InitiativeView view, Gate gate, TaskKind kind) {
    return view.tasks().stream()
        .filter(t -> t.gate() == gate && t.kind() == kind && t.status() == TaskStatus.OPEN)
        .reduce((first, second) -> second);
  }

  static List<EvidenceInput> evidenceFor(TaskView task) {
    return task.requiredEvidence().stream()
        .map(kind -> new EvidenceInput(kind, kind + " for " + task.initiativeKey(), "https://docs.example/" + kind, null))
        .toList();
  }

  /** The open review once it can be approved: its metrics, if the gate has any, are read. */
  static TaskView approvableReview(InitiativeWorkflow stub, Gate gate) {
    return eventually(() -> findOpen(stub.view(), gate, TaskKind.GATE_REVIEW), t -> t.isPresent() && !t.get().awaitingMetrics(),
        "an open review of " + gate + " with its metrics read").get();
  }

  static TaskView approve(InitiativeWorkflow stub, Gate gate, Actor approver) {
    TaskView task = approvableReview(stub, gate);
    return stub.complete(new CompleteCommand(task.id(), approver, Decision.APPROVE, "looks good", evidenceFor(task), null, null));
  }

  static TaskView decide(InitiativeWorkflow stub, Gate gate, Actor reviewer, Decision decision, String comment) {
    TaskView task = openReview(stub, gate);
    return stub.complete(new CompleteCommand(task.id(), reviewer, decision, comment, List.of(), null, null));
  }

  /** Approves a gate with as many distinct members of its group as its policy asks, resolving its ticket if it waits for one. */
  static void pass(InitiativeWorkflow stub, GatePolicy gate) {
    for (int n = 1; n <= gate.requiredApprovals(); n++) {
      approve(stub, gate.gate(), member(gate.candidateGroup(), n));
    }
    if (gate.awaitTicketResolution()) {
      GateView view = eventually(() -> gateView(stub.view(), gate.gate()), g -> g.ticket() != null, "ticket of " + gate.gate());
      stub.ticketEvent(new TicketEvent(view.ticket().id(), "RESOLVED", "engineering-1"));
    }
    eventually(() -> gateView(stub.view(), gate.gate()).status(), s -> s == GateStatus.APPROVED, gate.gate() + " approved");
  }

  static void driveToProduction(InitiativeWorkflow stub, RiskTier tier) {
    TestPolicy.policy().tier(tier).gates().stream()
        .sorted(java.util.Comparator.comparingInt(GatePolicy::phase))
        .forEach(gate -> pass(stub, gate));
    InitiativeView view = awaitStage(stub, Stage.IN_PRODUCTION);
    List<Gate> required = TestPolicy.policy().tier(tier).gates().stream().map(GatePolicy::gate).toList();
    assertThat(view.gates()).filteredOn(g -> required.contains(g.gate())).extracting(GateView::status)
        .hasSize(required.size()).containsOnly(GateStatus.APPROVED);
  }

  static GateView gateView(InitiativeView view, Gate gate) {
    return view.gates().stream().filter(g -> g.gate() == gate).findFirst()
        .orElseThrow(() -> new AssertionError("no gate " + gate + " in " + view.gates()));
  }
}
