package io.runway.worker.webhook;

/** What Runway made of a delivery; {@code RECEIVED} means claimed and its signals not yet sent. */
public enum Verdict {
  RECEIVED,
  ACCEPTED,
  DUPLICATE,
  UNMATCHED,
  IGNORED,
  REJECTED_SIGNATURE
}
