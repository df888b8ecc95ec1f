package io.runway.worker.webhook;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Applies ticket events that came early. A vendor can send "done" for a ticket before Runway has the
 * answer to opening it, so no gate holds the ticket yet and the delivery is recorded UNMATCHED, with
 * what it said. Every {@code recheckEvery} the kept events are matched against the gates' tickets
 * again; one whose ticket a gate now holds is signalled to that initiative and becomes ACCEPTED. A
 * delivery is claimed before it is signalled, so two API replicas never both apply it (the workflow
 * would ignore the second anyway).
 */
@Component
@ConditionalOnBooleanProperty(name = "runway.role.api", matchIfMissing = true)
@EnableConfigurationProperties(EarlyTicketEventsProperties.class)
class EarlyTicketEvents implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EarlyTicketEvents.class);
  private static final int BATCH = 100;

  private final DeliveryLog deliveries;
  private final InitiativeLookup lookup;
  private final EventRouter router;
  private final EarlyTicketEventsProperties properties;
  private ScheduledExecutorService scheduler;

  EarlyTicketEvents(DeliveryLog deliveries, InitiativeLookup lookup, EventRouter router, EarlyTicketEventsProperties properties) {
    this.deliveries = deliveries;
    this.lookup = lookup;
    this.router = router;
    this.properties = properties;
  }

  /** One round: every kept event whose ticket a gate now holds is applied. Returns how many were. */
  int applyAdopted() {
    int applied = 0;
    for (DeliveryLog.EarlyTicket early : deliveries.earlyTickets(properties.keptFor(), BATCH)) {
      Optional<InitiativeLookup.TicketOwner> owner = lookup.byTicket(early.ticketIds());
      if (owner.isEmpty()) {
        continue;
      }
      String key = owner.get().initiativeKey();
      if (!deliveries.applyEarlyTicket(early.id(), key, "applied once " + key + " held " + owner.get().ticketId())) {
        continue;
      }
      try {
        router.signalResolved(key, owner.get().ticketId(),
            new InboundEvent.TicketResolved(early.ticketIds(), early.status(), early.actor()));
        applied++;
      } catch (RuntimeException e) {
        deliveries.keepEarlyTicketAgain(early.id());
        log.warn("could not apply early ticket event {} to {} yet: {}", early.deliveryId(), key, e.getMessage());
      }
    }
    return applied;
  }

  private void applyQuietly() {
    try {
      applyAdopted();
    } catch (RuntimeException e) {
      // the database or Temporal is away: the next round tries again
      log.warn("early ticket events not rechecked: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("early-ticket-events").factory());
    long every = properties.recheckEvery().toMillis();
    scheduler.scheduleWithFixedDelay(this::applyQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
