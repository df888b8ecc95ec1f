package io.runway.worker.task;

import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.EvidenceInput;
import io.runway.lifecycle.model.TaskView;
import io.runway.worker.audit.AuditNotes;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.TemporalCalls;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Task commands. The API refuses the obvious (unknown task, caller not a candidate) from the read
 * model; everything else, including who holds the claim, is the workflow validator's call, because
 * the read model may lag behind it.
 */
@Service
class TaskCommands {

  private static final Logger log = LoggerFactory.getLogger(TaskCommands.class);

  private final TaskInbox inbox;
  private final WorkflowClient temporal;

  TaskCommands(TaskInbox inbox, WorkflowClient temporal) {
    this.inbox = inbox;
    this.temporal = temporal;
  }

  TaskView get(String id, Actor actor) {
    AccessMatrix.GET_TASK.require(actor);
    TaskRow task = task(id);
    if (!TaskReadRule.mayRead(actor, task.view())) {
      throw notCandidate(task, actor);
    }
    return task.view();
  }

  TaskView claim(String id, Actor actor, boolean release) {
    (release ? AccessMatrix.UNCLAIM : AccessMatrix.CLAIM).require(actor);
    TaskRow task = candidateTask(id, actor);
    InitiativeWorkflow workflow = workflow(task);
    return TemporalCalls.call(task.view().initiativeKey(), () -> workflow.claim(new ClaimCommand(id, actor, release)));
  }

  /**
   * Why the workflow would refuse {@code actor}'s claim now, or empty if it would accept it; empty
   * too when the workflow cannot be asked (the claim itself then gets the validator's answer).
   */
  Optional<String> claimRefusal(String id, Actor actor) {
    Optional<String> byMatrix = AccessMatrix.CLAIM.refusal(actor);
    if (byMatrix.isPresent()) {
      return byMatrix;
    }
    TaskRow task = task(id);
    if (!task.isCandidate(actor)) {
      return Optional.of(notCandidate(task, actor).getMessage());
    }
    try {
      return Optional.ofNullable(workflow(task).claimRefusal(new ClaimCommand(id, actor, false)));
    } catch (RuntimeException unanswered) {
      log.debug("could not ask {} whether {} may claim {}: {}", task.workflowId(), actor.username(), id,
          unanswered.getMessage());
      return Optional.empty();
    }
  }

  TaskView complete(String id, CompleteBody body, Actor actor) {
    AccessMatrix.COMPLETE.require(actor);
    AuditNotes.detail("decision " + body.decision());
    TaskRow task = candidateTask(id, actor);
    List<EvidenceInput> evidence =
        body.evidence() == null
            ? List.of()
            : body.evidence().stream().map(e -> new EvidenceInput(e.kind(), e.title(), e.uri(), e.sha256())).toList();
    CompleteCommand command =
        new CompleteCommand(id, actor, body.decision(), body.comment(), evidence, body.metrics(), body.amendment(),
            body.followUpOn());
    InitiativeWorkflow workflow = workflow(task);
    return TemporalCalls.call(task.view().initiativeKey(), () -> workflow.complete(command));
  }

  private TaskRow candidateTask(String id, Actor actor) {
    TaskRow task = task(id);
    if (!task.isCandidate(actor)) {
      throw notCandidate(task, actor);
    }
    return task;
  }

  private TaskRow task(String id) {
    return inbox.find(id).orElseThrow(() -> ApiProblem.notFound("No task with id '" + id + "'."));
  }

  private InitiativeWorkflow workflow(TaskRow task) {
    return temporal.newWorkflowStub(InitiativeWorkflow.class, task.workflowId());
  }

  private static ApiProblem notCandidate(TaskRow task, Actor actor) {
    return ApiProblem.forbidden(
        "Task '" + task.view().id() + "' belongs to group '" + task.candidateGroup() + "'"
            + (task.candidateUsers().isEmpty() ? "" : " and users " + task.candidateUsers())
            + "; " + actor.username() + " is in " + actor.groups() + ".");
  }
}
