/**
 * Who is calling: HTTP Basic authentication, the demo users of the embedded profile, and the
 * {@link io.runway.lifecycle.model.Actor} (username and groups) handed to the workflow.
 */
package io.runway.worker.security;
