package io.runway.lifecycle.model;

import java.util.List;
import java.util.stream.Stream;

/**
 * The named people accountable for an initiative; none of them may approve its gates. The fields keep
 * the names as written; {@link #all()} and {@link #includes} compare them as {@link Identities} does.
 */
public record Owners(String business, String technical, String operations) {

  /** The owners named, each in its comparable form ({@link Identities#normalise}), without repeats. */
  public List<String> all() {
    return Stream.of(business, technical, operations).filter(o -> o != null && !o.isBlank())
        .map(Identities::normalise).distinct().toList();
  }

  /**
   * Whether any owner names {@code actor}, by username or e-mail address (see {@link Actor#isNamedBy}).
   * The only way to ask: a check by user name alone let an owner named by address decide her own reviews.
   */
  public boolean includes(Actor actor) {
    return all().stream().anyMatch(actor::isNamedBy);
  }
}
