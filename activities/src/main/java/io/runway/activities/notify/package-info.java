/**
 * Reminders and escalations written to an outbox table and the log, de-duplicated by request key.
 * Mail and chat senders can drain the outbox; this one is always on.
 */
package io.runway.activities.notify;
