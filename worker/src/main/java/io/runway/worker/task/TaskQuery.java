package io.runway.worker.task;

import io.runway.lifecycle.model.TaskStatus;

/** Inbox filters after visibility is resolved; null means "any". */
record TaskQuery(
    String candidateGroup, String assignee, TaskStatus status, boolean overdue, String initiativeKey) {}
