package io.runway.lifecycle.model;

/**
 * A review gate owned by one team. {@code RECERTIFICATION} and {@code VALUE_REVIEW} belong to
 * production life: the first is a gate the policy re-opens, the second names the value-review tasks
 * (and the operations tasks a value decision causes); it never appears among an initiative's gates.
 */
public enum Gate {
  SECURITY_REVIEW,
  LEGAL_REVIEW,
  DATA_READINESS,
  INTEGRATION,
  HITL_VALIDATION,
  GO_LIVE_DECISION,
  OPERATIONS_HANDOVER,
  RECERTIFICATION,
  VALUE_REVIEW;

  /** The gate's name as it appears in task ids and URLs: {@code security-review}. */
  public String slug() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
