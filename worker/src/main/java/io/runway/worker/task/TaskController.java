package io.runway.worker.task;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

@Tag(name = "Tasks")
@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

  private final TaskInbox inbox;
  private final TaskCommands commands;

  TaskController(TaskInbox inbox, TaskCommands commands) {
    this.inbox = inbox;
    this.commands = commands;
  }

  @Operation(summary = "List tasks",
      description = "The caller's inbox: open tasks of the caller's groups by default; auditors and admins see every group's and may ask for any. assignee=me lists the caller's claims.")
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

  @Operation(summary = "Read a task",
      description = "The task, its gate, its candidate group, who holds the claim and what was decided.")
  @GetMapping("/{id}")
  TaskView get(@PathVariable String id, Authentication user) {
    return commands.get(id, Actors.of(user));
  }

  @Operation(summary = "Claim a task",
      description = "Takes the task, so the group sees it is being worked on.")
  @ApiResponse(responseCode = "200", description = "Claimed (or already claimed by the caller): the task as it is now.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "Someone else holds the claim, the task is completed, or the caller could not complete it (the detail says which).")
  @PostMapping("/{id}/claim")
  TaskView claim(@PathVariable String id, Authentication user) {
    return commands.claim(id, Actors.of(user), false);
  }

  @Operation(summary = "Release a task",
      description = "Gives the claim back to the group; only its holder may.")
  @ApiResponse(responseCode = "200", description = "Released: the task as it is now.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The caller does not hold the claim, or the task is completed.")
  @PostMapping("/{id}/unclaim")
  TaskView unclaim(@PathVariable String id, Authentication user) {
    return commands.claim(id, Actors.of(user), true);
  }

  @Operation(summary = "Complete a task",
      description = "Decides the task: approve, request changes or reject a review; submit intake, findings and operations tasks; retry or skip an integration incident; continue, scale, fix, pause or retire after a value review. Evidence links are http(s).")
  @ApiResponse(responseCode = "200", description = "Completed: the task as it is now.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "Someone else holds the claim, or the task is completed.")
  @PostMapping("/{id}/complete")
  TaskView complete(@PathVariable String id, @Valid @RequestBody CompleteBody body, Authentication user) {
    return commands.complete(id, body, Actors.of(user));
  }
}
