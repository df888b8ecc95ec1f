package io.runway.lifecycle.activity;

import io.runway.lifecycle.model.Gate;
import java.util.List;

/** Opens one ticket; {@code requestKey} is deterministic so a retried call finds the ticket it made. */
public record TicketRequest(
    String requestKey, String initiativeKey, Gate gate, String summary, String description, List<String> labels) {}
