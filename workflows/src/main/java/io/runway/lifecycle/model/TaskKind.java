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
  INTEGRATION_INCIDENT
}
