/**
 * The Runway application: Spring Boot entry point that hosts the Temporal worker and the REST API.
 * Sub-packages are features (initiative, task, records) plus the web, security and runtime wiring.
 */
package io.runway.worker;
