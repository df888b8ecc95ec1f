package io.runway.lifecycle.model;

/** Events from production that re-open the gates the policy names. */
public enum ProductionEventType {
  DRIFT_ALERT,
  INCIDENT,
  NEW_MODEL_VERSION
}
