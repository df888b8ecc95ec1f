package io.runway.activities.ticketing.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.activities.http.VendorHttp;
import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.activity.TicketUpdate;
import io.runway.lifecycle.activity.TicketingActivities;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Gate tickets as ServiceNow change requests. The ticket id Runway keeps is the record's number
 * (CHG0030001), the name people use in ServiceNow; its sys_id is in the ticket URL and is looked up
 * again by number before every update, in the same call that reads the state and the work notes.
 */
@Component("ticketingActivities")
@ConditionalOnProperty(name = "runway.ticketing.provider", havingValue = "servicenow")
@EnableConfigurationProperties(ServiceNowProperties.class)
public class ServiceNowTicketingActivities implements TicketingActivities {

  public static final String SYSTEM = "servicenow";
  static final String VENDOR = "ServiceNow";
  private static final int SHORT_DESCRIPTION_MAX = 160;

  private final ServiceNowProperties properties;
  private final VendorHttp http;

  public ServiceNowTicketingActivities(ServiceNowProperties properties) {
    properties.requireComplete();
    this.properties = properties;
    String authorization = properties.usesToken() ? "Bearer " + properties.token()
        : "Basic " + Base64.getEncoder().encodeToString(
            (properties.username() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8));
    this.http = new VendorHttp(VENDOR, URI.create(properties.instanceUrl()), properties.timeout(), () -> authorization);
  }

  @Override
  public TicketRef openTicket(TicketRequest request) {
    // ServiceNow has no unique constraint on correlation_id: looking it up first is what makes a retry
    // after a lost POST answer find the record instead of opening a second one.
    JsonNode record = findOne("look up change request", "correlation_id=" + escape(request.requestKey()), "sys_id,number", false);
    if (record == null) {
      record = http.send("create change request", "POST", tablePath() + "?sysparm_fields=sys_id,number", newRecord(request))
          .json().path("result");
    }
    return ref(record.path("number").asText(), record.path("sys_id").asText());
  }

  @Override
  public void updateTicket(TicketUpdate update) {
    String targetState = targetState(update.targetStatus());
    // display values carry the journal text of work_notes; "all" keeps the raw state value beside its label
    JsonNode record = findOne("find change request " + update.ticketId(), "number=" + escape(update.ticketId()),
        "sys_id,state,work_notes", true);
    if (record == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          VENDOR + " has no " + properties.table() + " numbered " + update.ticketId(), "ServiceNowTicketNotFound");
    }
    Map<String, Object> changes = new LinkedHashMap<>();
    String marker = marker(update.requestKey());
    boolean hasComment = update.comment() != null && !update.comment().isBlank();
    // every PATCH with work_notes appends a journal entry, so a retry first checks for its own marker
    if (hasComment && !record.path("work_notes").path("display_value").asText().contains(marker)) {
      changes.put("work_notes", update.comment() + "\n\n" + marker);
    }
    if (targetState != null && !targetState.equals(record.path("state").path("value").asText())) {
      changes.put("state", targetState);
      if (targetState.equals(properties.doneState())) {
        changes.put("close_code", properties.closeCode());
        changes.put("close_notes", hasComment ? update.comment() : "Closed by Runway (" + update.requestKey() + ")");
      }
    }
    if (!changes.isEmpty()) {
      http.send("update change request " + update.ticketId(), "PATCH",
          tablePath() + "/" + record.path("sys_id").path("value").asText() + "?sysparm_fields=sys_id", changes);
    }
  }

  /** The journal entry's signature: the request key, which is unique per comment the workflow makes. */
  static String marker(String requestKey) {
    return "[runway:" + requestKey + "]";
  }

  private String targetState(String targetStatus) {
    if (targetStatus == null) {
      return null;
    }
    return switch (targetStatus) {
      case "DONE" -> properties.doneState();
      case "CANCELLED" -> properties.cancelState();
      default -> throw ApplicationFailure.newNonRetryableFailure(
          VENDOR + " adapter cannot move a ticket to " + targetStatus + " (only DONE or CANCELLED)", "ServiceNowUnknownStatus");
    };
  }

  private JsonNode findOne(String call, String query, String fields, boolean displayValues) {
    String path = tablePath() + "?sysparm_query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
        + "&sysparm_limit=1&sysparm_fields=" + fields + (displayValues ? "&sysparm_display_value=all" : "");
    JsonNode result = http.send(call, "GET", path, null).json().path("result");
    return result.isArray() && !result.isEmpty() ? result.get(0) : null;
  }

  private Map<String, Object> newRecord(TicketRequest request) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("short_description", shortDescription(request));
    record.put("description", description(request));
    record.put("category", properties.category());
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

  private TicketRef ref(String number, String sysId) {
    String base = properties.instanceUrl().replaceAll("/+$", "");
    return new TicketRef(SYSTEM, number, base + "/nav_to.do?uri=" + properties.table() + ".do?sys_id=" + sysId);
  }

  private String tablePath() {
    return "/api/now/table/" + properties.table();
  }

  /** In an encoded query ^ starts another condition; Runway's keys are slugs, so one with ^ is a bug, not data. */
  private static String escape(String value) {
    if (value == null || value.isBlank() || value.contains("^")) {
      throw ApplicationFailure.newNonRetryableFailure(
          VENDOR + " lookups need a key without ^, got '" + value + "'", "ServiceNowInvalidKey");
    }
    return value;
  }
}
