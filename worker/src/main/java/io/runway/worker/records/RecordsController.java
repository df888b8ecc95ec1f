package io.runway.worker.records;

import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.TicketEvent;
import io.runway.worker.records.RecordViews.Accepted;
import io.runway.worker.records.RecordViews.CrmRecord;
import io.runway.worker.records.RecordViews.Model;
import io.runway.worker.records.RecordViews.Notification;
import io.runway.worker.records.RecordViews.Ticket;
import io.runway.worker.security.Actors;
import io.runway.worker.security.Groups;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.TemporalCalls;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only views of the local systems of record, for every authenticated user, plus ticket resolution. */
@RestController
@RequestMapping("/api/v1")
class RecordsController {

  private static final Set<String> CLOSED_STATUSES = Set.of("RESOLVED", "DONE", "CLOSED");

  private final LocalRecords records;
  private final WorkflowClient temporal;

  RecordsController(LocalRecords records, WorkflowClient temporal) {
    this.records = records;
    this.temporal = temporal;
  }

  @GetMapping("/tickets")
  List<Ticket> tickets(@RequestParam(required = false) String initiativeKey) {
    return records.tickets(initiativeKey);
  }

  @GetMapping("/tickets/{id}")
  Ticket ticket(@PathVariable String id) {
    return records.ticket(id).orElseThrow(() -> ApiProblem.notFound("No ticket with id '" + id + "' on the local board."));
  }

  /** The local board's "resolved" webhook: the workflow hears it as a ticket event and transitions the ticket. */
  @PostMapping("/tickets/{id}/resolve")
  ResponseEntity<Accepted> resolve(@PathVariable String id, Authentication user) {
    Actor actor = Actors.of(user);
    if (!actor.isMemberOf(Groups.ENGINEERING)) {
      throw ApiProblem.forbidden("Only engineering resolves tickets; " + actor.username() + " is in " + actor.groups() + ".");
    }
    Ticket ticket = ticket(id);
    if (CLOSED_STATUSES.contains(ticket.status().toUpperCase(java.util.Locale.ROOT))) {
      throw ApiProblem.conflict("Ticket '" + id + "' is already " + ticket.status() + ".");
    }
    InitiativeWorkflow workflow =
        temporal.newWorkflowStub(InitiativeWorkflow.class, Lifecycle.workflowId(ticket.initiativeKey()));
    TemporalCalls.run(
        ticket.initiativeKey(), () -> workflow.ticketEvent(new TicketEvent(id, "RESOLVED", actor.username())));
    return ResponseEntity.accepted().body(new Accepted(id, ticket.initiativeKey(), "RESOLVED"));
  }

  @GetMapping("/crm/records/{externalId}")
  CrmRecord crmRecord(@PathVariable String externalId) {
    return records
        .crmRecord(externalId)
        .orElseThrow(() -> ApiProblem.notFound("No CRM record with external id '" + externalId + "'."));
  }

  @GetMapping("/models/{name}")
  Model model(@PathVariable String name) {
    return records.model(name).orElseThrow(() -> ApiProblem.notFound("No model named '" + name + "' in the local registry."));
  }

  @GetMapping("/notifications")
  List<Notification> notifications(@RequestParam(required = false) String initiativeKey) {
    return records.notifications(initiativeKey);
  }
}
