package io.runway.activities.ticketing.local;

import io.runway.activities.jdbc.PgValues;
import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.activity.TicketUpdate;
import io.runway.lifecycle.activity.TicketingActivities;
import io.runway.lifecycle.model.TicketEvent;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runway's own ticket board. Tickets are keyed by the workflow's request key, so a retried or
 * concurrently repeated openTicket returns the ticket the first call made.
 */
@Component("ticketingActivities")
@ConditionalOnProperty(name = "runway.ticketing.provider", havingValue = "local", matchIfMissing = true)
public class LocalTicketingActivities implements TicketingActivities {

  public static final String SYSTEM = "local";
  public static final String NOT_FOUND = "TicketNotFound";

  private final JdbcClient jdbc;

  public LocalTicketingActivities(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public TicketRef openTicket(TicketRequest request) {
    // Looking up first keeps retries from drawing sequence numbers; the conflict clause covers the race.
    String id = findByRequestKey(request.requestKey())
        .or(() -> insert(request))
        .or(() -> findByRequestKey(request.requestKey()))
        .orElseThrow(() -> new IllegalStateException("local ticket for " + request.requestKey() + " vanished"));
    return ref(id);
  }

  @Override
  public void updateTicket(TicketUpdate update) {
    if (!exists(update.ticketId())) {
      throw ApplicationFailure.newNonRetryableFailure("local ticket board: no ticket " + update.ticketId(), NOT_FOUND);
    }
    if (update.comment() != null && !update.comment().isBlank()) {
      jdbc.sql("""
              insert into local_ticket_comment (request_key, ticket_id, body) values (:key, :ticket, :body)
              on conflict (request_key) do nothing""")
          .param("key", update.requestKey())
          .param("ticket", update.ticketId())
          .param("body", update.comment())
          .update();
    }
    if (update.targetStatus() != null) {
      // a retry that finds the status already set leaves updated_at at the real transition time
      jdbc.sql("update local_ticket set status = :status, updated_at = now() where id = :id and status <> :status")
          .param("status", update.targetStatus())
          .param("id", update.ticketId())
          .update();
    }
  }

  /** RESOLVED (the board's resolve action) and DONE count as resolved, as the webhook's statuses do. */
  @Override
  public TicketEvent readStatus(TicketRef ticket) {
    String status = jdbc.sql("select status from local_ticket where id = :id").param("id", ticket.id()).query(String.class).optional()
        .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("local ticket board: no ticket " + ticket.id(), NOT_FOUND));
    return new TicketEvent(ticket.id(), status, SYSTEM);
  }

  private static TicketRef ref(String id) {
    return new TicketRef(SYSTEM, id, "/api/v1/tickets/" + id);
  }

  private Optional<String> findByRequestKey(String requestKey) {
    return jdbc.sql("select id from local_ticket where request_key = :key")
        .param("key", requestKey)
        .query(String.class)
        .optional();
  }

  private Optional<String> insert(TicketRequest request) {
    return jdbc.sql("""
            insert into local_ticket (id, request_key, initiative_key, gate, summary, description, labels, status)
            values ('RWY-' || nextval('local_ticket_seq'), :key, :initiative, :gate, :summary, :description, :labels, 'OPEN')
            on conflict (request_key) do nothing
            returning id""")
        .param("key", request.requestKey())
        .param("initiative", request.initiativeKey())
        .param("gate", PgValues.name(request.gate()))
        .param("summary", summary(request))
        .param("description", request.description())
        .param("labels", PgValues.textArray(request.labels()))
        .query(String.class)
        .optional();
  }

  private boolean exists(String ticketId) {
    return jdbc.sql("select count(*) from local_ticket where id = :id").param("id", ticketId).query(Integer.class).single() > 0;
  }

  private static String summary(TicketRequest request) {
    if (request.summary() != null && !request.summary().isBlank()) {
      return request.summary();
    }
    return request.initiativeKey() + (request.gate() == null ? "" : " " + request.gate().slug());
  }
}
