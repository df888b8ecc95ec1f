package io.runway.worker.task;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import io.runway.worker.security.Actors;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import jakarta.validation.Valid;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

  private final TaskInbox inbox;
  private final TaskCommands commands;

  TaskController(TaskInbox inbox, TaskCommands commands) {
    this.inbox = inbox;
    this.commands = commands;
  }

  /** By default the caller's own groups; auditors and admins see all and may ask for any group. */
  @GetMapping
  PageResult<TaskView> list(
      @RequestParam(required = false) String candidateGroup,
      @RequestParam(required = false) String assignee,
      @RequestParam(defaultValue = "OPEN") TaskStatus status,
      @RequestParam(defaultValue = "false") boolean overdue,
      @RequestParam(required = false) String initiativeKey,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      Authentication user) {
    Actor actor = Actors.of(user);
    boolean allGroups = Actors.seesEverything(actor);
    if (candidateGroup != null && !allGroups && !actor.isMemberOf(candidateGroup)) {
      throw ApiProblem.forbidden(
          "Only members of '" + candidateGroup + "' (or auditors) see its tasks; " + actor.username() + " is in "
              + actor.groups() + ".");
    }
    String assigneeName = "me".equals(assignee) ? actor.username() : assignee;
    return inbox.list(
        new TaskQuery(candidateGroup, assigneeName, status, overdue, initiativeKey), actor, allGroups,
        Paging.of(page, size));
  }

  @GetMapping("/{id}")
  TaskView get(@PathVariable String id, Authentication user) {
    return commands.get(id, Actors.of(user));
  }

  @PostMapping("/{id}/claim")
  TaskView claim(@PathVariable String id, Authentication user) {
    return commands.claim(id, Actors.of(user), false);
  }

  @PostMapping("/{id}/unclaim")
  TaskView unclaim(@PathVariable String id, Authentication user) {
    return commands.claim(id, Actors.of(user), true);
  }

  @PostMapping("/{id}/complete")
  TaskView complete(@PathVariable String id, @Valid @RequestBody CompleteBody body, Authentication user) {
    return commands.complete(id, body, Actors.of(user));
  }
}
