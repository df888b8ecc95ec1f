package io.runway.worker.records;

import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.TicketEvent;
import io.runway.worker.audit.AuditNotes;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.TemporalCalls;
import io.temporal.client.WorkflowClient;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Resolving a ticket on the built-in local board: what Jira's "resolved" webhook does for a Jira
 * ticket. The initiative hears it first and the board records it second, so a retry after a
 * failure in between signals again (the workflow ignores a second resolution) instead of being refused.
 */
@Service
public class TicketResolution {

  private static final Set<String> CLOSED_STATUSES = Set.of("RESOLVED", "DONE", "CLOSED", "CANCELLED");

  private final JdbcClient jdbc;
  private final WorkflowClient temporal;

  TicketResolution(JdbcClient jdbc, WorkflowClient temporal) {
    this.jdbc = jdbc;
    this.temporal = temporal;
  }

  /** Resolves the ticket as {@code actor}; returns the key of the initiative it belongs to. */
  public String resolve(String ticketId, Actor actor) {
    AccessMatrix.RESOLVE_TICKET.require(actor);
    record Row(String initiativeKey, String status) {}
    Row ticket = jdbc.sql("select initiative_key, status from local_ticket where id = ?").param(ticketId)
        .query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).optional()
        .orElseThrow(() -> ApiProblem.notFound("No ticket with id '" + ticketId + "' on the local board."));
    AuditNotes.initiative(ticket.initiativeKey());
    if (CLOSED_STATUSES.contains(ticket.status().toUpperCase(Locale.ROOT))) {
      throw ApiProblem.conflict("Ticket '" + ticketId + "' is already " + ticket.status() + ".");
    }
    InitiativeWorkflow workflow = temporal.newWorkflowStub(InitiativeWorkflow.class, Lifecycle.workflowId(ticket.initiativeKey()));
    TemporalCalls.run(ticket.initiativeKey(), () -> workflow.ticketEvent(new TicketEvent(ticketId, "RESOLVED", actor.username())));
    jdbc.sql("update local_ticket set status = 'RESOLVED', updated_at = now() where id = ? and status = ?")
        .param(ticketId).param(ticket.status()).update();
    return ticket.initiativeKey();
  }
}
