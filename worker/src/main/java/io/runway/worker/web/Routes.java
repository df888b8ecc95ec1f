package io.runway.worker.web;

/** Request mappings as people read them, for the audit trail and the tests that hold every route to a rule. */
public final class Routes {

  private Routes() {}

  /** A route as people read it: {@code /webhooks/{source:(?!deliveries$).+}} is {@code /webhooks/{source}}. */
  public static String withoutRegexes(String pattern) {
    StringBuilder route = new StringBuilder(pattern.length());
    int depth = 0;
    boolean inRegex = false;
    for (char c : pattern.toCharArray()) {
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          inRegex = false;
        }
      } else if (c == ':' && depth == 1) {
        inRegex = true;
      }
      if (!inRegex || (c == '}' && depth == 0)) {
        route.append(c);
      }
    }
    return route.toString();
  }
}
