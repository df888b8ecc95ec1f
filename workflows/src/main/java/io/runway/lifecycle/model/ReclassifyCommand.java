package io.runway.lifecycle.model;

public record ReclassifyCommand(Actor actor, RiskTier riskTier, String reason) {}
