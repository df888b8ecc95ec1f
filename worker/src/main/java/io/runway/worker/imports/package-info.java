/**
 * Initiative import: a CSV or JSON pilot inventory launched row by row through the launch API's own
 * service (same validation, idempotent by key), as a job whose rows and progress live in PostgreSQL.
 */
package io.runway.worker.imports;
