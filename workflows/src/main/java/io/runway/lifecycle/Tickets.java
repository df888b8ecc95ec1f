package io.runway.lifecycle;

import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.activity.TicketUpdate;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.TicketEvent;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each gate's ticket in the ticketing system: opened with the gate, commented with each decision,
 * closed when the gate is decided. From version 1 of {@link #BESIDE_THE_LIFECYCLE}, comments and
 * closes run beside the lifecycle instead of in its way (the next gate's task opens without
 * waiting for them), in order per gate, and are drained before the run ends.
 */
final class Tickets {

  static final String BESIDE_THE_LIFECYCLE = "ticket-writes-beside-the-lifecycle";
  /**
   * A resolution can arrive before the workflow has the result of opening the ticket (the task is
   * visible first): from version 1 it is remembered by ticket id instead of being dropped.
   */
  static final String EARLY_RESOLUTIONS = "remember-early-ticket-resolutions";
  /**
   * From version 1 a gate that waits for its ticket also reads the ticket's status every
   * {@link #STATUS_READ_EVERY}: a resolution whose webhook never arrived (or was lost) is found this way.
   */
  static final String READ_AWAITED_STATUS = "read-awaited-ticket-status";
  static final Duration STATUS_READ_EVERY = Duration.ofMinutes(10);

  private final InitiativeState state;
  private final Integrations systems;
  private final Incidents incidents;
  private final Map<Gate, Promise<Void>> lastWritePerGate = new EnumMap<>(Gate.class);
  private final List<Promise<Void>> inFlight = new ArrayList<>();
  private boolean besideTheLifecycle;
  private boolean earlyResolutions;
  private boolean readsAwaitedStatus;

  Tickets(InitiativeState state, Integrations systems, Incidents incidents) {
    this.state = state;
    this.systems = systems;
    this.incidents = incidents;
  }

  /**
   * Reads the versions once, first thing in the run: asking mid-flow can let another coroutine run
   * first and reorder commands, which the replay test caught. A run from before the change (no
   * marker in its history) keeps writing tickets in line.
   */
  void chooseVersions() {
    besideTheLifecycle = Workflow.getVersion(BESIDE_THE_LIFECYCLE, Workflow.DEFAULT_VERSION, 1) == 1;
    earlyResolutions = Workflow.getVersion(EARLY_RESOLUTIONS, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  /** Read once, first thing in the run, after the versions above. */
  void chooseStatusReads() {
    readsAwaitedStatus = Workflow.getVersion(READ_AWAITED_STATUS, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  /**
   * Waits until the gate's ticket is resolved or the initiative ends: for the event from the ticketing
   * system, and from {@link #READ_AWAITED_STATUS} on also reading the status now and then on a durable
   * timer. A failed read is logged and the next one tried; it opens no incident, the wait goes on.
   */
  void awaitResolution(GateState g) {
    if (!readsAwaitedStatus) {
      Workflow.await(() -> g.ticketResolved || state.ended());
      return;
    }
    while (!Workflow.await(STATUS_READ_EVERY, () -> g.ticketResolved || state.ended())) {
      TicketRef ticket = g.ticket;
      Integrations.Attempt<TicketEvent> read = Integrations.attempt("reading the status of " + ticket.id(),
          () -> systems.ticketReads.readStatus(ticket));
      if (read.succeeded() && read.value().resolved() && !g.ticketResolved && ticket.equals(g.ticket)) {
        g.ticketResolved = true;
        state.changed(Gates.now(), "TICKET_RESOLVED", g.gate, ticket.system(), ticket.id() + " " + read.value().status()
            + " (read from " + ticket.system() + ")");
      }
    }
  }

  boolean remembersEarlyResolutions() {
    return earlyResolutions;
  }

  /** Opens a ticket for the gate's current round unless it already has one that is still open. */
  void openFor(GateState g) {
    if (g.ticket != null && !g.ticketClosed) {
      return;
    }
    String key = state.request.key();
    TicketRequest request = new TicketRequest(key + "/" + g.gate.slug() + "/" + g.round, key, g.gate,
        "[" + key + "] " + g.gate + " — " + state.request.name(),
        "Runway " + g.gate + " for AI initiative " + key + " (risk tier " + state.riskTier + "), owned by "
            + g.candidateGroup + ". Decide it in Runway's task inbox.",
        List.of("runway", "runway-" + key, g.gate.slug()));
    Integrations.Attempt<TicketRef> ticket = incidents.call("opening the " + g.gate + " ticket", g.gate,
        () -> systems.ticketing.openTicket(request));
    if (ticket.succeeded()) {
      g.ticket = ticket.value();
      g.ticketClosed = false;
      g.ticketResolved = state.resolvedTicketIds.contains(ticket.value().id());
      state.changed(Gates.now(), "TICKET_OPENED", g.gate, null, ticket.value().system() + " " + ticket.value().id());
    }
  }

  void comment(Gate gate, String comment) {
    GateState g = state.gate(gate);
    if (g.ticket == null || g.ticketClosed) {
      return;
    }
    TicketRef ticket = g.ticket;
    String requestKey = state.request.key() + "/" + gate.slug() + "/" + g.round + "/comment-" + state.timelineSeq;
    write(gate, () -> {
      incidents.call("commenting on " + ticket.id(), gate,
          () -> systems.ticketing.updateTicket(new TicketUpdate(requestKey, ticket.id(), comment, null)));
    });
  }

  void close(GateState g, String status, String comment) {
    if (g.ticket == null || g.ticketClosed) {
      return;
    }
    TicketRef ticket = g.ticket;
    String requestKey = state.request.key() + "/" + g.gate.slug() + "/" + g.round + "/" + status.toLowerCase(Locale.ROOT);
    if (besideTheLifecycle) {
      // "closing or closed": a gate re-opened meanwhile must not reuse this ticket; a failed close is on the timeline
      g.ticketClosed = true;
    }
    write(g.gate, () -> {
      var result = incidents.call("closing " + ticket.id(), g.gate,
          () -> systems.ticketing.updateTicket(new TicketUpdate(requestKey, ticket.id(), comment, status)));
      if (result.succeeded()) {
        g.ticketClosed = true;
        state.changed(Gates.now(), "TICKET_CLOSED", g.gate, null, ticket.id() + " -> " + status);
      }
    });
  }

  /** Waits for every ticket write still running, so none is abandoned when the run ends or continues as new. */
  void drain() {
    Promise.allOf(inFlight).get();
    inFlight.clear();
  }

  private void write(Gate gate, Runnable write) {
    if (!besideTheLifecycle) {
      write.run();
      return;
    }
    Promise<Void> previous = lastWritePerGate.get(gate);
    Promise<Void> next = Async.procedure(() -> {
      if (previous != null) {
        previous.get();
      }
      write.run();
    });
    lastWritePerGate.put(gate, next);
    inFlight.removeIf(Promise::isCompleted);
    inFlight.add(next);
  }
}
