package io.runway.bench.baseline;

import io.temporal.activity.ActivityInterface;

/** The baseline's activities: the same count as Runway's, with bodies that do nothing. */
@ActivityInterface
public interface BaselineActivities {

  void step(String what);

  final class NoOp implements BaselineActivities {
    @Override
    public void step(String what) {
      // nothing: the baseline measures the engine, not the integrations
    }
  }
}
