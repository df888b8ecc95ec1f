/**
 * The read model the API and console query: initiative snapshots projected into PostgreSQL.
 * Idempotent by (workflow id, seq): replays and stale snapshots change nothing.
 */
package io.runway.activities.projection;
