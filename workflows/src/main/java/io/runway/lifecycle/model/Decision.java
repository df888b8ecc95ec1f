package io.runway.lifecycle.model;

/**
 * The outcome a person gives a task. Review tasks take the first three; intake and findings tasks
 * take {@code SUBMIT}; integration incidents take {@code RETRY} or {@code SKIP}; value reviews take
 * {@code CONTINUE}, {@code SCALE}, {@code FIX} (with a follow-up date), {@code PAUSE} or {@code RETIRE};
 * a data-readiness exception is decided with {@code APPROVE} or {@code REJECT}.
 */
public enum Decision {
  APPROVE,
  REQUEST_CHANGES,
  REJECT,
  SUBMIT,
  RETRY,
  SKIP,
  CONTINUE,
  SCALE,
  FIX,
  PAUSE,
  RETIRE
}
