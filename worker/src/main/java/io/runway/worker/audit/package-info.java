/**
 * The tamper-evident audit trail: every command, decision, authorization denial and webhook verdict
 * as a hash-chained, append-only row; its verification (API and command line) and its export.
 */
package io.runway.worker.audit;
