package io.runway.lifecycle.model;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who issues a command: the authenticated username, the groups the API resolved for it and, when
 * the identity provider gives one, the user's e-mail address. An owner or a task's candidate user is
 * this person when the name written there is either of the two (see {@link #isNamedBy}).
 */
public record Actor(String username, Set<String> groups, String email) {

  public Actor {
    groups = groups == null ? Set.of() : Set.copyOf(groups);
  }

  public Actor(String username, Set<String> groups) {
    this(username, groups, null);
  }

  public boolean isMemberOf(String group) {
    return groups.contains(group);
  }

  /** The names that point at this person, as {@link #normalized} compares them: the username and the e-mail. */
  public Set<String> identities() {
    Set<String> identities = new LinkedHashSet<>();
    if (normalized(username) != null) {
      identities.add(normalized(username));
    }
    if (normalized(email) != null) {
      identities.add(normalized(email));
    }
    return identities;
  }

  /** Whether {@code name}, as someone typed it (an owner, a candidate user), names this person. */
  public boolean isNamedBy(String name) {
    String typed = normalized(name);
    return typed != null && identities().contains(typed);
  }

  /** A name in the form {@link Identities} compares it in ({@code " Ana@ACME.example"} is {@code ana@acme.example}); blank is nobody. */
  public static String normalized(String name) {
    return name == null || name.isBlank() ? null : Identities.normalise(name);
  }
}
