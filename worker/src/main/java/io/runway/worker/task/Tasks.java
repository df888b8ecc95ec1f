package io.runway.worker.task;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import io.runway.worker.security.Actors;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.DayCounts;
import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The inbox and the task commands for in-process callers (the web console): the same visibility
 * rules and pre-checks as the REST API, and the workflow's validators have the last word.
 */
@Service
public class Tasks {

  /** One piece of evidence handed in with a decision. */
  public record Evidence(String kind, String title, String uri, String sha256) {}

  /** Inbox filters; nulls mean "any". */
  public record Filter(String candidateGroup, boolean overdue, Integer dueWithinDays, String riskTier) {}

  private final TaskInbox inbox;
  private final TaskCommands commands;

  Tasks(TaskInbox inbox, TaskCommands commands) {
    this.inbox = inbox;
    this.commands = commands;
  }

  /** Open tasks of the actor's groups (and naming the actor), soonest due first, as GET /api/v1/tasks. */
  public PageResult<TaskView> open(Filter filter, Actor actor, Paging paging) {
    boolean allGroups = Actors.seesEverything(actor);
    if (filter.candidateGroup() != null && !allGroups && !actor.isMemberOf(filter.candidateGroup())) {
      throw ApiProblem.forbidden("Only members of '" + filter.candidateGroup() + "' (or auditors) see its tasks; "
          + actor.username() + " is in " + actor.groups() + ".");
    }
    if (filter.dueWithinDays() != null) {
      DayCounts.of("dueWithinDays", filter.dueWithinDays(), 0);
    }
    TaskQuery query = new TaskQuery(filter.candidateGroup(), null, TaskStatus.OPEN, filter.overdue(), null,
        filter.riskTier(), filter.dueWithinDays());
    return inbox.list(query, actor, allGroups, paging);
  }

  public TaskView get(String id, Actor actor) {
    return commands.get(id, actor);
  }

  public TaskView claim(String id, Actor actor) {
    return commands.claim(id, actor, false);
  }

  /** Why {@code actor} may not claim the task now (the workflow's own rule), or empty if they may. */
  public Optional<String> claimRefusal(String id, Actor actor) {
    return commands.claimRefusal(id, actor);
  }

  public TaskView unclaim(String id, Actor actor) {
    return commands.claim(id, actor, true);
  }

  public TaskView complete(String id, Decision decision, String comment, List<Evidence> evidence,
      Map<String, Double> metrics, InitiativeRequest amendment, Actor actor) {
    return complete(id, decision, comment, evidence, metrics, amendment, null, actor);
  }

  /** A value review's FIX names its follow-up day in {@code followUpOn}. */
  public TaskView complete(String id, Decision decision, String comment, List<Evidence> evidence,
      Map<String, Double> metrics, InitiativeRequest amendment, java.time.LocalDate followUpOn, Actor actor) {
    if (decision == null) {
      throw ApiProblem.invalid("decision", "is required");
    }
    List<CompleteBody.EvidenceItem> items =
        evidence.stream().map(e -> new CompleteBody.EvidenceItem(e.kind(), e.title(), e.uri(), e.sha256())).toList();
    return commands.complete(id, new CompleteBody(decision, comment, items, metrics, amendment, followUpOn), actor);
  }
}
