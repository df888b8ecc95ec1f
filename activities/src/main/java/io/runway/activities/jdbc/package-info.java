/**
 * Small PostgreSQL helpers shared by the adapters: text[] arrays and enum names as text.
 * Kept here so every adapter binds them the same way.
 */
package io.runway.activities.jdbc;
