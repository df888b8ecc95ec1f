package io.runway.worker.console;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Redirects built from what people typed or the URL carried: every value is percent-encoded into its
 * place, so that a value like {@code {foo}} is text in the URL and not a template variable Spring
 * tries to expand on the way out.
 */
final class Redirects {

  private Redirects() {}

  /** A {@code redirect:} view name for {@code template} with {@code values} expanded and encoded in order. */
  static String to(String template, Object... values) {
    return "redirect:" + UriComponentsBuilder.fromPath(template).buildAndExpand(values).encode().toUriString();
  }

  /** As {@link #to} followed by an already encoded query string ({@code ?a=b}, or empty). */
  static String withQuery(String template, String encodedQuery, Object... values) {
    return to(template, values) + encodedQuery;
  }
}
