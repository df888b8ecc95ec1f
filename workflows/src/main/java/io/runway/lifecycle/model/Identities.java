package io.runway.lifecycle.model;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;

/**
 * How Runway tells whether two names are the same person: wherever owners, requesters, claimants,
 * approvers and signed-in users are compared (the workflow's rules, the API's quick checks, the inbox
 * query), they are compared in this form. Today a name is its Unicode compatibility form, without
 * surrounding white space, case-folded; when owners become links to user ids, this is the one place
 * that learns it.
 */
public final class Identities {

  private Identities() {}

  /** The comparable form of a name: NFKC, stripped, case-folded; null stays null. */
  public static String normalise(String name) {
    if (name == null) {
      return null;
    }
    String compatible = Normalizer.normalize(name, Normalizer.Form.NFKC).strip();
    // upper then lower folds what lower-casing alone keeps apart (ß and SS, the Kelvin sign and k)
    return compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  /** Whether {@code a} and {@code b} name the same person; a blank or missing name is nobody. */
  public static boolean same(String a, String b) {
    String first = normalise(a);
    return first != null && !first.isEmpty() && first.equals(normalise(b));
  }

  /** Whether {@code names} includes the person {@code name}. */
  public static boolean includes(Collection<String> names, String name) {
    return names != null && names.stream().anyMatch(n -> same(n, name));
  }
}
