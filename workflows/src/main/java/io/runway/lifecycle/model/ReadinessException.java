package io.runway.lifecycle.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An exception to the data-readiness thresholds: requested with a justification and an expiry date,
 * decided by a second person from the governance board. While ACTIVE, data readiness may be approved
 * although metrics miss their bounds; when it expires the gate re-opens if it was approved under it.
 */
public record ReadinessException(
    String id, String justification, LocalDate expiresOn, String requestedBy, Instant requestedAt, String taskId,
    Status status, String decidedBy, Instant decidedAt, String comment) {

  public enum Status { REQUESTED, ACTIVE, REJECTED, EXPIRED }

  public ReadinessException with(Status next, String by, Instant at, String why) {
    return new ReadinessException(id, justification, expiresOn, requestedBy, requestedAt, taskId, next,
        by != null ? by : decidedBy, at != null ? at : decidedAt, why != null ? why : comment);
  }

  /** The first instant the exception no longer holds: the start of the day after {@code expiresOn}, UTC. */
  public Instant endsAt() {
    return expiresOn.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  }
}
