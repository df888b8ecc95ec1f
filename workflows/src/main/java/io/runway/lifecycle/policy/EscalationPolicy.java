package io.runway.lifecycle.policy;

import java.time.Duration;

/**
 * When an open task is chased: a reminder at {@code reminderAt} of its SLA (0.8 = 80 %), escalation
 * to the group lead and sponsor at breach, and to {@code boardGroup} {@code secondEscalationAfter} later.
 */
public record EscalationPolicy(double reminderAt, Duration secondEscalationAfter, String boardGroup) {}
