package io.runway.lifecycle.activity;

/**
 * Comments on a ticket and, when {@code targetStatus} is set ({@code DONE}, {@code CANCELLED}),
 * moves it there. {@code requestKey} makes the comment idempotent.
 */
public record TicketUpdate(String requestKey, String ticketId, String comment, String targetStatus) {}
