package io.runway.worker.webhook;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds which initiative an event is about, in the read model: by the ticket a gate holds, by the
 * initiative key, or by the model name ({@code model_name} is the request's model name, else the key).
 */
@Component
class InitiativeLookup {

  /** A gate holding one of the payload's ticket identifiers, and which identifier it holds. */
  record TicketOwner(String initiativeKey, String ticketId) {}

  private final JdbcClient jdbc;

  InitiativeLookup(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<TicketOwner> byTicket(List<String> candidateIds) {
    for (String id : candidateIds) {
      Optional<String> key = jdbc.sql("""
          select i.key from gate g join initiative i on i.workflow_id = g.workflow_id
          where g.ticket_id = ? order by i.launched_at desc limit 1""")
          .param(id).query(String.class).optional();
      if (key.isPresent()) {
        return Optional.of(new TicketOwner(key.get(), id));
      }
    }
    return Optional.empty();
  }

  /** The stage the read model shows for the initiative, empty when there is no such initiative. */
  Optional<String> stage(String initiativeKey) {
    return jdbc.sql("select stage from initiative where key = ?").param(initiativeKey).query(String.class).optional();
  }

  List<String> inProductionWithModel(String modelName) {
    return jdbc.sql("select key from initiative where model_name = ? and stage = 'IN_PRODUCTION' order by key")
        .param(modelName).query(String.class).list();
  }
}
