package io.runway.worker.console;

import io.runway.lifecycle.model.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A task's SLA as people read it: when it is due, how long is left or how late it is, and how far
 * it has been escalated (the workflow's levels: reminded, escalated to lead and sponsor, to the board).
 */
record SlaClock(String due, String remaining, String state, String escalation) {

  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  static SlaClock of(TaskView task, Instant now) {
    if (task.dueAt() == null) {
      return new SlaClock("no SLA", "", "none", escalation(task.escalationLevel()));
    }
    Duration left = Duration.between(now, task.dueAt());
    String state = left.isNegative() ? "overdue" : left.compareTo(Duration.ofDays(1)) < 0 ? "due-soon" : "on-time";
    String remaining = left.isNegative() ? span(left.negated()) + " overdue" : "due in " + span(left);
    return new SlaClock(WHEN.format(task.dueAt()), remaining, state, escalation(task.escalationLevel()));
  }

  static String span(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    if (days > 0) {
      return days + " d " + hours + " h";
    }
    return hours > 0 ? hours + " h " + d.toMinutesPart() + " min" : Math.max(1, d.toMinutesPart()) + " min";
  }

  private static String escalation(int level) {
    return switch (level) {
      case 0 -> null;
      case 1 -> "Reminder sent";
      case 2 -> "Escalated to team lead and sponsor";
      default -> "Escalated to the governance board";
    };
  }
}
