package io.runway.lifecycle.activity;

import java.util.List;

/** The intake check's answer: refused (prohibited, with the reason), incomplete (what is missing), or accepted. */
public record IntakeVerdict(boolean prohibited, String refusalReason, List<String> missingItems) {

  public IntakeVerdict {
    missingItems = missingItems == null ? List.of() : List.copyOf(missingItems);
  }

  public boolean complete() {
    return !prohibited && missingItems.isEmpty();
  }
}
