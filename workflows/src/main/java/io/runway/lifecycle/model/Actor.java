package io.runway.lifecycle.model;

import java.util.Set;

/** Who issues a command: the authenticated username and the groups the API resolved for it. */
public record Actor(String username, Set<String> groups) {

  public Actor {
    groups = groups == null ? Set.of() : Set.copyOf(groups);
  }

  public boolean isMemberOf(String group) {
    return groups.contains(group);
  }
}
