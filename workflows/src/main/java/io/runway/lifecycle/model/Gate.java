package io.runway.lifecycle.model;

/** A review gate owned by one team. {@code RECERTIFICATION} is the periodic gate of production life. */
public enum Gate {
  SECURITY_REVIEW,
  LEGAL_REVIEW,
  DATA_READINESS,
  INTEGRATION,
  HITL_VALIDATION,
  GO_LIVE_DECISION,
  OPERATIONS_HANDOVER,
  RECERTIFICATION;

  /** The gate's name as it appears in task ids and URLs: {@code security-review}. */
  public String slug() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
