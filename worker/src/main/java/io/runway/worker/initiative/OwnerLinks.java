package io.runway.worker.initiative;

import io.runway.activities.users.UserDirectory;
import io.runway.lifecycle.model.Owners;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Which of an initiative's owners are Runway users, read from the user directory when asked. */
@Component
class OwnerLinks {

  private final UserDirectory directory;

  OwnerLinks(UserDirectory directory) {
    this.directory = directory;
  }

  List<OwnerLink> of(Owners owners) {
    if (owners == null) {
      return List.of();
    }
    List<String[]> named = new ArrayList<>();
    add(named, "business", owners.business());
    add(named, "technical", owners.technical());
    add(named, "operations", owners.operations());
    Map<String, UserDirectory.User> linked = directory.linked(named.stream().map(n -> n[1]).toList());
    return named.stream()
        .map(n -> new OwnerLink(n[0], n[1], linked.containsKey(n[1]) ? linked.get(n[1]).username() : null))
        .toList();
  }

  private static void add(List<String[]> named, String role, String name) {
    if (name != null && !name.isBlank()) {
      named.add(new String[] {role, name});
    }
  }
}
