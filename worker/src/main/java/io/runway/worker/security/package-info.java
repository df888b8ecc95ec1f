/**
 * Who is calling and what they may do: demo users (embedded profile) or OIDC tokens and sign-in,
 * the {@link io.runway.worker.security.AccessMatrix} every API call is checked against, the
 * {@link io.runway.lifecycle.model.Actor} handed to the workflow, sign-in throttling and security headers.
 */
package io.runway.worker.security;
