package io.runway.lifecycle.model;

/** Whether an initiative in production is served: a value review's PAUSE and resume go through operations. */
public enum ServingState {
  SERVING,
  /** Paused by a value review; operations has a task to switch it off. */
  PAUSING,
  PAUSED,
  /** Resumed by a value review; operations has a task to switch it back on. */
  RESUMING
}
