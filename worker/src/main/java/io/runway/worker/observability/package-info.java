/**
 * What operators see of a running Runway beyond the API: domain metrics for Prometheus, and the
 * initiative and workflow each log line is about, put into the logging context (MDC).
 */
package io.runway.worker.observability;
