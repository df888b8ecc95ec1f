package io.runway.worker.records;

import io.runway.lifecycle.model.Actor;
import io.runway.worker.records.RecordViews.CrmRecord;
import io.runway.worker.records.RecordViews.Model;
import io.runway.worker.records.RecordViews.Ticket;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.web.ApiProblem;
import org.springframework.stereotype.Service;

/**
 * The built-in systems of record read one at a time, by the API ({@code GET /api/v1/tickets/{id}},
 * {@code /crm/records/{externalId}}, {@code /models/{name}}) and the console alike: the access matrix's
 * rule, then the row or a 404 that names what was not found.
 */
@Service
public class Records {

  private final LocalRecords records;

  Records(LocalRecords records) {
    this.records = records;
  }

  public Ticket ticket(String id, Actor actor) {
    AccessMatrix.GET_TICKET.require(actor);
    return records.ticket(id).orElseThrow(() -> ApiProblem.notFound("No ticket with id '" + id + "' on the local board."));
  }

  public CrmRecord crmRecord(String externalId, Actor actor) {
    AccessMatrix.GET_CRM_RECORD.require(actor);
    return records.crmRecord(externalId)
        .orElseThrow(() -> ApiProblem.notFound("No CRM record with external id '" + externalId + "'."));
  }

  public Model model(String name, Actor actor) {
    AccessMatrix.GET_MODEL.require(actor);
    return records.model(name).orElseThrow(() -> ApiProblem.notFound("No model named '" + name + "' in the local registry."));
  }
}
