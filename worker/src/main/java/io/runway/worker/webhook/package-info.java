/**
 * Inbound webhooks from Jira, ServiceNow, MLflow and Prometheus Alertmanager: verified by HMAC over
 * the raw body, de-duplicated by delivery id in PostgreSQL, and turned into workflow signals.
 */
package io.runway.worker.webhook;
