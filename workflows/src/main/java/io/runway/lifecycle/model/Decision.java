package io.runway.lifecycle.model;

/** The outcome a person gives a task. Review tasks take the first three; the others take {@code SUBMIT}. */
public enum Decision {
  APPROVE,
  REQUEST_CHANGES,
  REJECT,
  SUBMIT
}
