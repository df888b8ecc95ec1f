package io.runway.activities.ticketing.servicenow;

import io.runway.lifecycle.activity.TicketRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of a new change request: its texts, and the request key as {@code correlation_id}. */
final class ChangeRequestFields {

  private static final int SHORT_DESCRIPTION_MAX = 160;

  private ChangeRequestFields() {}

  static Map<String, Object> of(TicketRequest request, String category) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("short_description", shortDescription(request));
    record.put("description", description(request));
    record.put("category", category);
    record.put("correlation_id", request.requestKey());
    record.put("correlation_display", "Runway");
    return record;
  }

  private static String shortDescription(TicketRequest request) {
    String summary = request.summary() != null && !request.summary().isBlank() ? request.summary()
        : request.initiativeKey() + (request.gate() == null ? "" : " " + request.gate().slug());
    return summary.length() > SHORT_DESCRIPTION_MAX ? summary.substring(0, SHORT_DESCRIPTION_MAX - 1) + "…" : summary;
  }

  private static String description(TicketRequest request) {
    StringBuilder text = new StringBuilder(request.description() == null ? "" : request.description());
    text.append(text.isEmpty() ? "" : "\n\n").append("Runway initiative: ").append(request.initiativeKey());
    if (request.gate() != null) {
      text.append("\nGate: ").append(request.gate().slug());
    }
    List<String> labels = request.labels() == null ? List.of() : request.labels();
    if (!labels.isEmpty()) {
      text.append("\nLabels: ").append(String.join(", ", labels));
    }
    return text.toString();
  }
}
