/**
 * The web console: server-rendered pages (Thymeleaf, htmx for partial updates) over the same
 * services and rules as the REST API, with a session and CSRF of their own.
 */
package io.runway.worker.console;
