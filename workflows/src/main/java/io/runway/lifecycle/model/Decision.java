package io.runway.lifecycle.model;

/**
 * The outcome a person gives a task. Review tasks take the first three; intake and findings tasks
 * take {@code SUBMIT}; integration incidents take {@code RETRY} or {@code SKIP}.
 */
public enum Decision {
  APPROVE,
  REQUEST_CHANGES,
  REJECT,
  SUBMIT,
  RETRY,
  SKIP
}
