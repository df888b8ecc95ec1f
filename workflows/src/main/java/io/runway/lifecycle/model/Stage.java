package io.runway.lifecycle.model;

/** Where an initiative stands: a gate name while it is under review, or a lifecycle state. */
public enum Stage {
  INTAKE,
  SECURITY_REVIEW,
  LEGAL_REVIEW,
  DATA_READINESS,
  INTEGRATION,
  HITL_VALIDATION,
  GO_LIVE_DECISION,
  OPERATIONS_HANDOVER,
  IN_PRODUCTION,
  RETIRED,
  REJECTED,
  WITHDRAWN;

  public boolean isTerminal() {
    return this == RETIRED || this == REJECTED || this == WITHDRAWN;
  }

  public static Stage of(Gate gate) {
    return gate == Gate.RECERTIFICATION || gate == Gate.VALUE_REVIEW ? IN_PRODUCTION : Stage.valueOf(gate.name());
  }
}
