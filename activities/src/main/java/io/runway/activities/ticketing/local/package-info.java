/**
 * The built-in ticket board in PostgreSQL, the system of record when no Jira or ServiceNow is set.
 * Idempotent by the workflow's request keys, so retried activities never open a second ticket.
 */
package io.runway.activities.ticketing.local;
