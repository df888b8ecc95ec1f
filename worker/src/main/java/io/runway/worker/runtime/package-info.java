/**
 * How the application runs in each profile: the embedded profile's Temporal (the CLI's dev server
 * with its data kept in the data directory, or the in-process test server) and PostgreSQL, and the
 * start-up banner that tells a person where the API is, who can log in and where the data lives.
 */
package io.runway.worker.runtime;
