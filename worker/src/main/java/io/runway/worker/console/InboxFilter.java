package io.runway.worker.console;

import io.runway.worker.task.Tasks;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/** The inbox filter form: group, overdue only, due within N days, risk tier; blanks mean "any". */
record InboxFilter(String group, boolean overdue, Integer dueWithinDays, String riskTier) {

  InboxFilter {
    group = blankToNull(group);
    riskTier = blankToNull(riskTier);
  }

  static InboxFilter none() {
    return new InboxFilter(null, false, null, null);
  }

  Tasks.Filter toTaskFilter() {
    return new Tasks.Filter(group, overdue, dueWithinDays, riskTier);
  }

  /** The query string that reproduces this filter, values percent-encoded, for links, redirects and saved filters. */
  public String query() {
    StringBuilder q = new StringBuilder();
    if (group != null) {
      q.append("&group=").append(encode(group));
    }
    if (overdue) {
      q.append("&overdue=true");
    }
    if (dueWithinDays != null) {
      q.append("&dueWithinDays=").append(dueWithinDays);
    }
    if (riskTier != null) {
      q.append("&riskTier=").append(encode(riskTier));
    }
    return q.isEmpty() ? "" : "?" + q.substring(1);
  }

  private static String encode(String value) {
    return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
