/**
 * Salesforce as the CRM: the initiative upserted by external id through the REST API, with an
 * OAuth 2.0 client-credentials token that is cached and refreshed once when Salesforce refuses it.
 */
package io.runway.activities.crm.salesforce;
