package io.runway.lifecycle.activity;

import io.runway.lifecycle.policy.LifecyclePolicy;
import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface PolicyActivities {

  /** The lifecycle policy in force now; its result is recorded, so replay sees the same policy. */
  LifecyclePolicy currentPolicy();
}
