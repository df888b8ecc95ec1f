package io.runway.lifecycle.activity;

import io.runway.lifecycle.model.TicketEvent;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface TicketingActivities {

  TicketRef openTicket(TicketRequest request);

  void updateTicket(TicketUpdate update);

  /**
   * The ticket's status as its system shows it now ({@code RESOLVED} when it counts as resolved), read
   * while a gate waits for it: a resolution whose event never reached Runway is found this way.
   */
  TicketEvent readStatus(TicketRef ticket);
}
