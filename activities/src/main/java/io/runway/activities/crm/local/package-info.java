/**
 * The built-in CRM record store in PostgreSQL, used when no Salesforce is configured.
 * Upserts by the initiative key as external id, as the Salesforce adapter does.
 */
package io.runway.activities.crm.local;
