package io.runway.worker.task;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.Identities;
import io.runway.lifecycle.model.TaskView;
import io.runway.worker.security.Actors;

/**
 * Who may read a task's content (its comment, findings, evidence, measurements): its candidate group,
 * the people it names (owners on their findings), and auditors and admins, who read everything.
 * {@code GET /api/v1/tasks/{id}} answers 403 to everyone else, and an initiative's detail shows them
 * the task's status and dates only.
 */
public final class TaskReadRule {

  private TaskReadRule() {}

  public static boolean mayRead(Actor actor, TaskView task) {
    return Actors.seesEverything(actor) || actor.isMemberOf(task.candidateGroup())
        || Identities.includes(task.candidateUsers(), actor.username());
  }
}
