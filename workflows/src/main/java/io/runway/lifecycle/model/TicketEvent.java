package io.runway.lifecycle.model;

/** A ticketing system reports a ticket's new status (for example {@code RESOLVED}). */
public record TicketEvent(String ticketId, String status, String actor) {

  public boolean resolved() {
    return "RESOLVED".equalsIgnoreCase(status) || "DONE".equalsIgnoreCase(status) || "CLOSED".equalsIgnoreCase(status);
  }
}
