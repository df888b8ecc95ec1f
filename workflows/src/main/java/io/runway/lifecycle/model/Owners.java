package io.runway.lifecycle.model;

import java.util.List;
import java.util.stream.Stream;

/** The named people accountable for an initiative; none of them may approve its gates. */
public record Owners(String business, String technical, String operations) {

  public List<String> all() {
    return Stream.of(business, technical, operations).filter(o -> o != null && !o.isBlank()).toList();
  }

  public boolean includes(String username) {
    return all().contains(username);
  }

  /** Whether any owner names {@code actor}, by username or e-mail address (see {@link Actor#isNamedBy}). */
  public boolean includes(Actor actor) {
    return all().stream().anyMatch(actor::isNamedBy);
  }
}
