package io.runway.lifecycle.model;

import java.time.Instant;
import java.time.LocalDate;

/** A value review's decision: who decided what, why, and on which occasion the review opened. */
public record ValueDecision(
    long seq, String taskId, String occasion, Decision decision, String comment, LocalDate followUpOn, String decidedBy,
    Instant decidedAt) {}
