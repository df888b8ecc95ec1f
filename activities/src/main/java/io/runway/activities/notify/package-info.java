/**
 * Reminders and escalations: always written to the outbox (the audit, de-duplicated by request key),
 * then sent through the configured channels, each at most once per request key.
 */
package io.runway.activities.notify;
