/**
 * Temporal wiring beyond what {@code spring.temporal.*} configures: the worker and client data
 * converter, which keeps the refusal types of update validators intact.
 */
package io.runway.worker.temporal;
