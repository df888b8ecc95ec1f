package io.runway.lifecycle.model;

public enum GateStatus {
  PENDING,
  OPEN,
  CHANGES_REQUESTED,
  APPROVED,
  REJECTED,
  CANCELLED
}
