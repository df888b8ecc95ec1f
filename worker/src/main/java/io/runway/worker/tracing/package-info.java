/**
 * One trace per command, from the API request to the vendor's HTTP answer: Spring Boot's
 * OpenTelemetry SDK makes the HTTP server span; the Temporal starter, seeing the same OpenTelemetry
 * bean, adds its OpenTracing client and worker interceptors through the OpenTelemetry shim, so
 * workflow starts, updates, signals, workflow and activity executions are spans of that trace, carried
 * across Temporal in the workflow and activity headers; and every vendor call an activity makes is a
 * client span sending {@code traceparent} on.
 */
package io.runway.worker.tracing;
