package io.runway.worker.demo;

import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.EvidenceInput;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import io.runway.worker.initiative.LaunchService;
import io.runway.worker.security.Groups;
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
 * Seeds the demo: launches the samples and approves the first review tasks of some of them, so the
 * portfolio shows initiatives at different stages. Best effort: a step that fails is logged and skipped.
 */
@Component
@ConditionalOnProperty(name = "runway.demo.seed", havingValue = "true")
class DemoSeeder {

  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
  private static final Actor PROGRAM_OFFICE = new Actor("program-office-1", Set.of(Groups.PROGRAM_OFFICE));
  /** How many review tasks each of the first samples gets approved, so they end up at different gates. */
  private static final List<Integer> APPROVALS = List.of(4, 2, 1);

  private final LaunchService launches;
  private final io.temporal.client.WorkflowClient temporal;

  DemoSeeder(LaunchService launches, io.temporal.client.WorkflowClient temporal) {
    this.launches = launches;
    this.temporal = temporal;
  }

  @EventListener(ApplicationReadyEvent.class)
  void seed() {
    // off the start-up thread: the app is usable while the samples move
    Thread.ofVirtual().name("demo-seeder").start(this::seedNow);
  }

  private void seedNow() {
    List<InitiativeRequest> samples = SampleInitiatives.all();
    for (InitiativeRequest sample : samples) {
      try {
        launches.launch(sample, PROGRAM_OFFICE);
      } catch (RuntimeException e) {
        log.warn("demo seed: could not launch {}: {}", sample.key(), e.getMessage());
      }
    }
    for (int i = 0; i < APPROVALS.size(); i++) {
      String key = samples.get(i).key();
      try {
        for (int n = 0; n < APPROVALS.get(i); n++) {
          approveNextReview(key);
        }
      } catch (RuntimeException e) {
        log.info("demo seed: stopped moving {}: {}", key, e.getMessage());
      }
    }
    log.info("demo seed: {} sample initiatives launched", samples.size());
  }

  private void approveNextReview(String key) {
    InitiativeWorkflow workflow = temporal.newWorkflowStub(InitiativeWorkflow.class, Lifecycle.workflowId(key));
    TaskView task = awaitOpenReview(workflow, Duration.ofSeconds(10)).orElseThrow(() -> new IllegalStateException("no open review task"));
    Actor reviewer = new Actor(task.candidateGroup() + "-1", Set.of(task.candidateGroup()));
    workflow.claim(new ClaimCommand(task.id(), reviewer, false));
    List<EvidenceInput> evidence =
        task.requiredEvidence().stream()
            .map(kind -> new EvidenceInput(kind, "Demo " + kind, "https://docs.example.com/" + key + "/" + kind, null))
            .toList();
    workflow.complete(
        new CompleteCommand(task.id(), reviewer, Decision.APPROVE, "Looks good (demo seed)", evidence, null, null));
  }

  private static Optional<TaskView> awaitOpenReview(InitiativeWorkflow workflow, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Optional<TaskView> task =
          workflow.view().tasks().stream()
              .filter(t -> t.status() == TaskStatus.OPEN && t.kind() == TaskKind.GATE_REVIEW)
              .findFirst();
      if (task.isPresent()) {
        return task;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
