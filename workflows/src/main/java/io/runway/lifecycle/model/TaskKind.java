package io.runway.lifecycle.model;

/** What a human task asks for. */
public enum TaskKind {
  /** The program office completes missing intake items. */
  INTAKE_COMPLETION,
  /** A gate's candidate group reviews and decides. */
  GATE_REVIEW,
  /** The initiative's owners address a reviewer's findings and resubmit. */
  ADDRESS_FINDINGS,
  /** A system of record stayed down past its retries: engineering retries the call or skips it with a justification. */
  INTEGRATION_INCIDENT,
  /** The program office (or the policy's group) decides whether an initiative in production pays off. */
  VALUE_REVIEW,
  /** Operations stops serving an initiative a value review paused. */
  SWITCH_OFF,
  /** Operations serves a paused initiative again after a value review resumed it. */
  SWITCH_ON,
  /** A second person from the governance board approves an exception to the data-readiness thresholds. */
  READINESS_EXCEPTION
}
