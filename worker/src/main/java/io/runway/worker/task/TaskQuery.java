package io.runway.worker.task;

import io.runway.lifecycle.model.TaskStatus;

/**
 * Inbox filters after visibility is resolved; null means "any". {@code dueWithinDays} keeps tasks due
 * within that many days from now (overdue ones included); {@code riskTier} the initiative's tier.
 */
record TaskQuery(
    String candidateGroup, String assignee, TaskStatus status, boolean overdue, String initiativeKey,
    String riskTier, Integer dueWithinDays) {

  TaskQuery(String candidateGroup, String assignee, TaskStatus status, boolean overdue, String initiativeKey) {
    this(candidateGroup, assignee, status, overdue, initiativeKey, null, null);
  }
}
