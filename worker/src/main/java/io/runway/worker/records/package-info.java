/**
 * The built-in local systems of record (ticket board, CRM, model registry, notification outbox)
 * made visible through the API; resolving a local ticket is the board's "resolved" webhook.
 */
package io.runway.worker.records;
