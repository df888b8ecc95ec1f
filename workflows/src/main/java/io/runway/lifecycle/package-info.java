/**
 * The initiative lifecycle as one durable Temporal workflow: gates, human tasks, SLA timers and
 * production life. Deterministic: no I/O, no Spring, time and randomness only through {@code Workflow}.
 */
package io.runway.lifecycle;
