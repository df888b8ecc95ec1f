/**
 * How the application runs in each profile: the embedded PostgreSQL of the {@code embedded}
 * profile and the start-up banner that tells a person where the API is and who can log in.
 */
package io.runway.worker.runtime;
