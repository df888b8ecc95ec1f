package io.runway.lifecycle.model;

/** EU AI Act risk vocabulary; {@code PROHIBITED} initiatives are refused at intake. */
public enum RiskTier {
  MINIMAL,
  LIMITED,
  HIGH,
  PROHIBITED
}
