package io.runway.lifecycle.model;

import java.time.Instant;
import java.util.List;

/** A gate's state on one initiative; {@code round} counts openings (request-changes and re-opens add one). */
public record GateView(
    Gate gate,
    GateStatus status,
    String candidateGroup,
    int round,
    Instant openedAt,
    Instant decidedAt,
    List<String> decidedBy,
    Instant dueAt,
    TicketRef ticket) {}
