package io.runway.worker.audit;

import io.runway.worker.web.ApiProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads an export's bounds: instants, or UTC dates standing for whole days. */
final class ExportPeriod {

  private ExportPeriod() {}

  static AuditQuery query(String initiativeKey, String from, String to) {
    Instant start = bound("from", from, false);
    Instant end = bound("to", to, true);
    if (start != null && end != null && !start.isBefore(end)) {
      throw ApiProblem.invalid("to", "must be after from (" + from + ")");
    }
    return new AuditQuery(initiativeKey == null || initiativeKey.isBlank() ? null : initiativeKey, start, end);
  }

  private static Instant bound(String name, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid(name, "'" + value + "' is neither an instant like 2026-11-23T17:00:00Z nor a date like 2026-11-23");
    }
  }
}
