package io.runway.lifecycle.activity;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface CrmActivities {

  /** Creates or updates the record with this external id; returns the CRM's id for it. */
  String upsertInitiative(CrmRecord record);
}
