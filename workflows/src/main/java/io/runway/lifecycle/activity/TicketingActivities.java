package io.runway.lifecycle.activity;

import io.runway.lifecycle.model.TicketRef;
import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface TicketingActivities {

  TicketRef openTicket(TicketRequest request);

  void updateTicket(TicketUpdate update);
}
