package io.runway.worker.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code runway.webhooks.early-ticket-events.*}: ticket events that arrived before a gate held their
 * ticket (recorded UNMATCHED with what they said) are tried again every {@code recheckEvery}, for
 * {@code keptFor} after they arrived.
 *
 * @param recheckEvery how often kept events are matched against the gates' tickets again
 * @param keptFor      how long after its arrival a kept event may still be applied
 */
@ConfigurationProperties("runway.webhooks.early-ticket-events")
record EarlyTicketEventsProperties(@DefaultValue("5s") Duration recheckEvery, @DefaultValue("7d") Duration keptFor) {}
