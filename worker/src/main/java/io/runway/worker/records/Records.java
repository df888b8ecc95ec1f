package io.runway.worker.records;

import io.runway.lifecycle.model.Actor;
import io.runway.worker.security.AccessMatrix;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The built-in systems of record as the console reads them: the same rows and the same access rules
 * as {@code GET /api/v1/tickets/{id}}, {@code /crm/records/{externalId}} and {@code /models/{name}}.
 */
@Service
public class Records {

  private final LocalRecords records;

  Records(LocalRecords records) {
    this.records = records;
  }

  public Optional<Object> ticket(String id, Actor actor) {
    AccessMatrix.GET_TICKET.require(actor);
    return records.ticket(id).map(Object.class::cast);
  }

  public Optional<Object> crmRecord(String externalId, Actor actor) {
    AccessMatrix.GET_CRM_RECORD.require(actor);
    return records.crmRecord(externalId).map(Object.class::cast);
  }

  public Optional<Object> model(String name, Actor actor) {
    AccessMatrix.GET_MODEL.require(actor);
    return records.model(name).map(Object.class::cast);
  }
}
