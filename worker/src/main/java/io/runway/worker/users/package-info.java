/**
 * Keeps the user directory current from the sign-ins Runway sees: the demo users at start-up and
 * every OIDC user on their requests, so an initiative's owners can be linked to the people they name.
 */
package io.runway.worker.users;
