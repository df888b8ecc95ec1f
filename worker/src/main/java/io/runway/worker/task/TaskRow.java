package io.runway.worker.task;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.Identities;
import io.runway.lifecycle.model.TaskView;
import java.util.List;

/** A task as the read model holds it, with the workflow that owns it. */
record TaskRow(String workflowId, String candidateGroup, List<String> candidateUsers, TaskView view) {

  /** A member of the candidate group, or a named candidate (an owner addressing findings, by user name or e-mail). */
  boolean isCandidate(Actor actor) {
    return actor.isMemberOf(candidateGroup) || candidateUsers.stream().anyMatch(actor::isNamedBy);
  }
}
