package io.runway.lifecycle.model;

import java.time.Instant;

/**
 * The workflow's start argument: the request, who launched it and when the API accepted it.
 * {@code historyLimit} (null for the default) is the history length at which a workflow in
 * production continues as new even before Temporal suggests it.
 */
public record LaunchInput(InitiativeRequest request, String launchedBy, Instant acceptedAt, Integer historyLimit) {}
