/**
 * ServiceNow as the ticketing system: one {@code change_request} per gate ticket through the Table API,
 * found again by its {@code correlation_id} (the workflow's request key) so a retry never opens a second.
 */
package io.runway.activities.ticketing.servicenow;
