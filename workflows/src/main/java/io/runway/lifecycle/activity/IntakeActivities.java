package io.runway.lifecycle.activity;

import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.policy.LifecyclePolicy;
import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface IntakeActivities {

  /** Checks owners, purpose, data classes, KPIs with baseline and target, budget, and the risk tier. */
  IntakeVerdict validateIntake(InitiativeRequest request, LifecyclePolicy policy);
}
