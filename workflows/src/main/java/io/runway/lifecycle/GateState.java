package io.runway.lifecycle;

import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.GateView;
import io.runway.lifecycle.model.TicketRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A gate inside the workflow's state. */
public class GateState {
  public Gate gate;
  public GateStatus status = GateStatus.PENDING;
  public String candidateGroup;
  public int round;
  public Instant openedAt;
  public Instant decidedAt;
  public List<String> decidedBy = new ArrayList<>();
  public Instant dueAt;
  public TicketRef ticket;
  public boolean ticketResolved;
  public boolean ticketClosed;

  public boolean active() {
    return status == GateStatus.OPEN || status == GateStatus.CHANGES_REQUESTED;
  }

  public GateView view() {
    return new GateView(gate, status, candidateGroup, round, openedAt, decidedAt, List.copyOf(decidedBy), dueAt, ticket);
  }
}
