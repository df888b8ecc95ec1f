package io.runway.lifecycle.model;

/** A task is OPEN (claimed or not) until it is COMPLETED, or CANCELLED by withdrawal, rejection or reclassification. */
public enum TaskStatus {
  OPEN,
  COMPLETED,
  CANCELLED
}
