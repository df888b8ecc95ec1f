package io.runway.lifecycle.activity;

import io.runway.lifecycle.model.ValueSnapshot;
import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface ValueActivities {

  /** Writes the value summary and the new actuals and decisions to the read model; idempotent by their seq. */
  void projectValue(ValueSnapshot snapshot);
}
