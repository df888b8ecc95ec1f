package io.runway.worker.webhook;

import io.grpc.StatusRuntimeException;
import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.ProductionEvent;
import io.runway.lifecycle.model.TicketEvent;
import io.runway.worker.web.TemporalCalls;
import io.runway.worker.webhook.InboundEvent.ProductionSignal;
import io.runway.worker.webhook.InboundEvent.Target;
import io.runway.worker.webhook.InboundEvent.TicketResolved;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Turns an event's targets into workflow signals. An event about no known initiative, or a
 * production event for one that is not in production, is unmatched: recorded, not refused, because
 * the sender did nothing wrong and retrying would not help.
 */
@Component
class EventRouter {

  /**
   * The verdict of a whole delivery: accepted when at least one initiative was signalled.
   * {@code earlyTicket} is a resolution no gate holds yet, kept to be applied once one adopts the ticket.
   */
  record Outcome(Verdict verdict, List<String> initiatives, String detail, TicketResolved earlyTicket) {}

  private final InitiativeLookup lookup;
  private final WorkflowClient temporal;

  EventRouter(InitiativeLookup lookup, WorkflowClient temporal) {
    this.lookup = lookup;
    this.temporal = temporal;
  }

  Outcome route(InboundEvent event) {
    Set<String> signalled = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>();
    TicketResolved early = null;
    for (Target target : event.targets()) {
      switch (target) {
        case TicketResolved ticket -> {
          if (!resolve(ticket, signalled, notes)) {
            early = ticket;
          }
        }
        case ProductionSignal production -> report(production, signalled, notes);
      }
    }
    return new Outcome(signalled.isEmpty() ? Verdict.UNMATCHED : Verdict.ACCEPTED, List.copyOf(signalled), String.join("; ", notes),
        signalled.isEmpty() ? early : null);
  }

  /** False when no gate holds the ticket (yet); an initiative that has ended counts as handled. */
  private boolean resolve(TicketResolved ticket, Set<String> signalled, List<String> notes) {
    Optional<InitiativeLookup.TicketOwner> owner = lookup.byTicket(ticket.candidateIds());
    if (owner.isEmpty()) {
      notes.add("no gate holds ticket " + String.join(" / ", ticket.candidateIds()) + " yet; kept until one does");
      return false;
    }
    String key = owner.get().initiativeKey();
    if (signalResolved(key, owner.get().ticketId(), ticket)) {
      signalled.add(key);
      notes.add(owner.get().ticketId() + " " + ticket.status() + " for " + key);
    } else {
      notes.add(key + " has ended");
    }
    return true;
  }

  /** Signals {@code key}'s workflow that its ticket was resolved; false when the workflow has ended. */
  boolean signalResolved(String key, String ticketId, TicketResolved ticket) {
    TicketEvent resolved = new TicketEvent(ticketId, ticket.status(), ticket.actor());
    return signal(key, workflow -> workflow.ticketEvent(resolved));
  }

  private void report(ProductionSignal production, Set<String> signalled, List<String> notes) {
    ProductionEvent event = production.event();
    List<String> keys;
    if (production.initiativeKey() != null) {
      Optional<String> stage = lookup.stage(production.initiativeKey());
      if (stage.isEmpty() || !"IN_PRODUCTION".equals(stage.get())) {
        notes.add(event.type() + " for " + production.initiativeKey() + ": "
            + stage.map(s -> "initiative is " + s + ", not in production").orElse("no such initiative"));
        return;
      }
      keys = List.of(production.initiativeKey());
    } else {
      keys = lookup.inProductionWithModel(production.modelName());
      if (keys.isEmpty()) {
        notes.add(event.type() + ": no initiative in production uses model " + production.modelName());
        return;
      }
    }
    for (String key : keys) {
      if (signal(key, workflow -> workflow.productionEvent(event))) {
        signalled.add(key);
        notes.add(event.type() + " for " + key + " (" + event.eventId() + ")");
      } else {
        notes.add(key + " has ended");
      }
    }
  }

  /** False when the workflow has ended: the event then matches nothing instead of failing the delivery. */
  private boolean signal(String key, Consumer<InitiativeWorkflow> signal) {
    try {
      signal.accept(temporal.newWorkflowStub(InitiativeWorkflow.class, Lifecycle.workflowId(key)));
      return true;
    } catch (WorkflowNotFoundException ended) {
      return false;
    } catch (WorkflowServiceException | StatusRuntimeException e) {
      if (TemporalCalls.isUnreachable(e)) {
        throw TemporalCalls.temporalUnavailable();
      }
      throw e;
    }
  }
}
