package io.runway.worker.console;

import io.runway.worker.task.Tasks;

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

  /** The query string that reproduces this filter, for links and saved filters. */
  public String query() {
    StringBuilder q = new StringBuilder();
    if (group != null) {
      q.append("&group=").append(group);
    }
    if (overdue) {
      q.append("&overdue=true");
    }
    if (dueWithinDays != null) {
      q.append("&dueWithinDays=").append(dueWithinDays);
    }
    if (riskTier != null) {
      q.append("&riskTier=").append(riskTier);
    }
    return q.isEmpty() ? "" : "?" + q.substring(1);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
