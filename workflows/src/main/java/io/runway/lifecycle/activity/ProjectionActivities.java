package io.runway.lifecycle.activity;

import io.runway.lifecycle.model.InitiativeSnapshot;
import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface ProjectionActivities {

  /** Writes the snapshot to the read model; idempotent by (workflow id, seq), stale snapshots are ignored. */
  void project(InitiativeSnapshot snapshot);
}
