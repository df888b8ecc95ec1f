package io.runway.worker.web;

/**
 * Evidence is a link a reviewer opens from the console: only http(s) addresses with a host, so that a
 * {@code javascript:}, {@code data:} or {@code file:} "link" is refused at the API (422) and the
 * OpenAPI document says so.
 */
public final class EvidenceLinks {

  public static final String PATTERN = "^https?://[^\\s/?#]+\\S*$";
  public static final String MESSAGE = "must be an http(s) link, e.g. https://wiki.example.com/threat-model";

  private EvidenceLinks() {}
}
