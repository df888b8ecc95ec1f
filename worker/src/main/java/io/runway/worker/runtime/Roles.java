package io.runway.worker.runtime;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one Runway process does, from {@code runway.roles} (env {@code RUNWAY_ROLES}, default
 * {@code api,worker}): {@code api} serves the REST API and starts workflows, {@code worker} polls
 * Temporal and runs workflows and activities. Both roles scale out by adding replicas.
 */
public record Roles(boolean api, boolean worker) {

  public static final String PROPERTY = "runway.roles";
  public static final String API = "api";
  public static final String WORKER = "worker";

  /** Parses the configured list; anything but a non-empty subset of {api, worker} stops the start. */
  static Roles parse(List<String> configured) {
    Set<String> roles = new LinkedHashSet<>();
    for (String role : configured) {
      String name = role.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (!API.equals(name) && !WORKER.equals(name)) {
        throw new IllegalStateException(
            PROPERTY + " (RUNWAY_ROLES) has an unknown role '" + role + "'; use api, worker or api,worker.");
      }
      roles.add(name);
    }
    if (roles.isEmpty()) {
      throw new IllegalStateException(PROPERTY + " (RUNWAY_ROLES) is empty; use api, worker or api,worker.");
    }
    return new Roles(roles.contains(API), roles.contains(WORKER));
  }

  @Override
  public String toString() {
    return api && worker ? "api,worker" : api ? "api" : "worker";
  }
}
