package io.runway.lifecycle.activity;

import io.runway.lifecycle.model.InitiativeDelta;
import io.runway.lifecycle.model.InitiativeSnapshot;
import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface ProjectionActivities {

  /** Writes the snapshot to the read model; idempotent by (workflow id, seq), stale snapshots are ignored. */
  void project(InitiativeSnapshot snapshot);

  /**
   * Applies what changed since the previous projection to the stored view, idempotently by seq (see
   * {@link InitiativeDelta} for the rule); a delta with nothing to build on fails with type
   * {@link InitiativeDelta#GAP}, not retried, and the workflow sends a snapshot instead.
   */
  void projectDelta(InitiativeDelta delta);
}
