package io.runway.activities.policy;

import java.util.List;

/** The lifecycle policy file cannot be used; the message names the file and every problem found. */
public class InvalidPolicyException extends RuntimeException {

  private final List<String> problems;

  public InvalidPolicyException(String location, List<String> problems) {
    this(location, problems, null);
  }

  public InvalidPolicyException(String location, List<String> problems, Throwable cause) {
    super("lifecycle policy " + location + " is invalid: " + String.join("; ", problems), cause);
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
