/**
 * Jira Cloud (REST v3) as the ticket system: one issue per gate task, found again by its request key
 * before any create, decisions as comments, approvals as transitions looked up by name.
 */
package io.runway.activities.ticketing.jira;
