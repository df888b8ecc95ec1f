/**
 * Small PostgreSQL helpers shared by the adapters and the projection: arrays and timestamps.
 * Kept here so every writer binds text[] and timestamptz the same way.
 */
package io.runway.activities.jdbc;
