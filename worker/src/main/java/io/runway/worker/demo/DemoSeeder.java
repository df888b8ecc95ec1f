package io.runway.worker.demo;

import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.EvidenceInput;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateView;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import io.runway.worker.initiative.LaunchService;
import io.runway.worker.records.ModelRegistration;
import io.runway.worker.records.TicketResolution;
import io.runway.worker.security.Groups;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo: launches the samples and moves them through the gates as the demo users would,
 * so the portfolio shows initiatives in production, mid-review, waiting on findings, incomplete
 * at intake and refused. Best effort: a step that fails is logged and the next sample goes on.
 */
@Component
@ConditionalOnProperty(name = "runway.demo.seed", havingValue = "true")
class DemoSeeder {

  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
  private static final Actor PROGRAM_OFFICE = new Actor("program-office-1", Set.of(Groups.PROGRAM_OFFICE));
  private static final Actor ENGINEER = new Actor("engineering-1", Set.of(Groups.ENGINEERING));
  private static final Actor DATA_ENGINEER = new Actor("data-engineering-1", Set.of(Groups.DATA_ENGINEERING));
  /** What a training pipeline would log for each sample model; data readiness shows it on its task. */
  private static final java.util.Map<String, Double> DATA_QUALITY =
      java.util.Map.of("data_quality_score", 0.96, "null_rate", 0.012, "freshness_hours", 6.0);
  /** Generous: on a busy 2-core laptop the first workflow tasks of a cold JVM take seconds. */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  private final LaunchService launches;
  private final WorkflowClient temporal;
  private final TicketResolution tickets;
  private final ModelRegistration models;

  DemoSeeder(LaunchService launches, WorkflowClient temporal, TicketResolution tickets, ModelRegistration models) {
    this.launches = launches;
    this.temporal = temporal;
    this.tickets = tickets;
    this.models = models;
  }

  @EventListener(ApplicationReadyEvent.class)
  void seed() {
    // off the start-up thread: the app is usable while the samples move
    Thread.ofVirtual().name("demo-seeder").start(this::seedNow);
  }

  private void seedNow() {
    for (SampleInitiatives.Sample sample : SampleInitiatives.all()) {
      try {
        if (sample.request().modelName() != null) {
          models.register(sample.request().modelName(), sample.request().modelVersion(), DATA_QUALITY, DATA_ENGINEER);
        }
        launches.launch(sample.request(), PROGRAM_OFFICE);
        InitiativeWorkflow workflow = temporal.newWorkflowStub(InitiativeWorkflow.class, Lifecycle.workflowId(sample.request().key()));
        for (int n = 0; n < sample.approvals(); n++) {
          approveNextReview(workflow);
        }
        if (sample.requestChanges()) {
          decideNextReview(workflow, Decision.REQUEST_CHANGES, "Add rate limiting and an abuse threat model (demo seed)");
        }
      } catch (RuntimeException e) {
        log.info("demo seed: stopped moving {}: {}", sample.request().key(), e.getMessage());
      }
    }
    log.info("demo seed: {} sample initiatives launched", SampleInitiatives.all().size());
  }

  private void approveNextReview(InitiativeWorkflow workflow) {
    TaskView task = decideNextReview(workflow, Decision.APPROVE, "Looks good (demo seed)");
    if (task.gate() == Gate.INTEGRATION) {
      GateView integration = awaitView(workflow, v -> gate(v, Gate.INTEGRATION).map(g -> g.ticket() != null).orElse(false))
          .gates().stream().filter(g -> g.gate() == Gate.INTEGRATION).findFirst().orElseThrow();
      tickets.resolve(integration.ticket().id(), ENGINEER);
    }
  }

  /** Decides the next open review as member 1 (and 2, for a two-person gate) of its candidate group. */
  private TaskView decideNextReview(InitiativeWorkflow workflow, Decision decision, String comment) {
    InitiativeView view = awaitView(workflow, v -> openReview(v).isPresent());
    TaskView task = openReview(view).orElseThrow();
    List<EvidenceInput> evidence = decision != Decision.APPROVE ? List.of() : task.requiredEvidence().stream()
        .map(kind -> new EvidenceInput(kind, "Demo " + kind, "https://docs.example.com/" + task.initiativeKey() + "/" + kind, null))
        .toList();
    int deciders = decision == Decision.APPROVE ? task.requiredApprovals() : 1;
    TaskView decided = task;
    for (int n = 1; n <= deciders; n++) {
      Actor reviewer = new Actor(task.candidateGroup() + "-" + n, Set.of(task.candidateGroup()));
      decided = workflow.complete(new CompleteCommand(task.id(), reviewer, decision, comment, evidence, null, null));
    }
    return decided;
  }

  private static Optional<TaskView> openReview(InitiativeView view) {
    return view.tasks().stream().filter(t -> t.status() == TaskStatus.OPEN && t.kind() == TaskKind.GATE_REVIEW).findFirst();
  }

  private static Optional<GateView> gate(InitiativeView view, Gate gate) {
    return view.gates().stream().filter(g -> g.gate() == gate).findFirst();
  }

  private static InitiativeView awaitView(InitiativeWorkflow workflow, java.util.function.Predicate<InitiativeView> ready) {
    Instant deadline = Instant.now().plus(STEP_TIMEOUT);
    InitiativeView view = workflow.view();
    while (!ready.test(view)) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the initiative did not reach the next step within " + STEP_TIMEOUT + " (stage " + view.stage() + ")");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
      view = workflow.view();
    }
    return view;
  }
}
