package io.runway.activities.ticketing.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.activities.http.VendorFailures;
import io.runway.activities.http.VendorHttp;
import io.runway.activities.ledger.WriteLedger;
import io.runway.activities.ledger.WriteLease;
import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.activity.TicketUpdate;
import io.runway.lifecycle.activity.TicketingActivities;
import io.runway.lifecycle.model.TicketEvent;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 *
 * <p>Each write holds its request key's {@link WriteLease}, so two attempts never interleave. The
 * Table API reads consistently: an open looks the change up by {@code correlation_id} right before
 * inserting and again right after; should two carry the key, the earliest is adopted and the later
 * one loses the key and is cancelled as a duplicate. A lookup answer without a {@code result} list,
 * or a hit without the request's correlation id, is never taken as "none" or as the change.
 */
@Component("ticketingActivities")
@ConditionalOnProperty(name = "runway.ticketing.provider", havingValue = "servicenow")
@EnableConfigurationProperties(ServiceNowProperties.class)
public class ServiceNowTicketingActivities implements TicketingActivities {

  public static final String SYSTEM = "servicenow";
  static final String VENDOR = "ServiceNow";

  /** Appended to the correlation id of a duplicate Runway cancelled, so that lookups by the key no longer find it. */
  static final String DUPLICATE_SUFFIX = "#duplicate";
  private static final int LOOKUP_HITS = 10;

  private final ServiceNowProperties properties;
  private final VendorHttp http;
  private final WriteLedger ledger;

  public ServiceNowTicketingActivities(ServiceNowProperties properties, WriteLedger ledger) {
    properties.requireComplete();
    this.properties = properties;
    this.ledger = ledger;
    String authorization = properties.usesToken() ? "Bearer " + properties.token()
        : "Basic " + Base64.getEncoder().encodeToString(
            (properties.username() + ":" + properties.password()).getBytes(StandardCharsets.UTF_8));
    this.http = new VendorHttp(VENDOR, URI.create(properties.instanceUrl()), properties.timeout(), () -> authorization);
  }

  @Override
  public TicketRef openTicket(TicketRequest request) {
    // ServiceNow has no unique constraint on correlation_id: looking it up first is what makes a retry
    // after a lost POST answer find the record instead of opening a second one.
    try (WriteLease lease = ledger.lease(VENDOR, request.requestKey())) {
      List<JsonNode> carrying = carrying(request.requestKey());
      if (!carrying.isEmpty()) {
        return adopt(carrying.get(0), lease);
      }
      lease.creating();
      VendorHttp.Response answer;
      try {
        answer = http.send("create change request", "POST", tablePath() + "?sysparm_fields=sys_id,number", ChangeRequestFields.of(request, properties.category()));
      } catch (ApplicationFailure failure) {
        if (VendorFailures.madeNothing(failure)) {
          lease.createRefused();
        }
        throw failure;
      }
      JsonNode created = answer.json().path("result");
      if (created.path("sys_id").asText("").isBlank() || created.path("number").asText("").isBlank()) {
        throw VendorFailures.malformed(VENDOR, "create change request", "the new record's sys_id and number", answer.body());
      }
      lease.recorded(created.path("sys_id").asText());
      JsonNode earliest = carrying(request.requestKey()).stream().findFirst().orElse(created);
      if (!earliest.path("sys_id").asText().equals(created.path("sys_id").asText())) {
        markDuplicate(created, earliest, request.requestKey());
      }
      return adopt(earliest, lease);
    }
  }

  @Override
  public TicketEvent readStatus(TicketRef ticket) {
    JsonNode record = findOne("read change request " + ticket.id(), "number=" + escape(ticket.id()), "sys_id,state", false);
    if (record == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          VENDOR + " has no " + properties.table() + " numbered " + ticket.id(), "ServiceNowTicketNotFound");
    }
    String state = record.path("state").asText("");
    String status = state.equals(properties.doneState()) ? "RESOLVED" : state.equals(properties.cancelState()) ? "CANCELLED" : state;
    return new TicketEvent(ticket.id(), status, SYSTEM);
  }

  /** The changes carrying this correlation id, earliest first; a hit without it is another request's and is ignored. */
  private List<JsonNode> carrying(String requestKey) {
    String path = tablePath() + "?sysparm_query=" + URLEncoder.encode("correlation_id=" + escape(requestKey) + "^ORDERBYsys_created_on^ORDERBYnumber",
        StandardCharsets.UTF_8) + "&sysparm_limit=" + LOOKUP_HITS + "&sysparm_fields=sys_id,number,correlation_id";
    VendorHttp.Response answer = http.send("look up change request", "GET", path, null);
    List<JsonNode> carrying = new ArrayList<>();
    for (JsonNode hit : answer.array("result")) {
      if (requestKey.equals(hit.path("correlation_id").asText(null)) && !hit.path("sys_id").asText("").isBlank()) {
        carrying.add(hit);
      }
    }
    return carrying;
  }

  private TicketRef adopt(JsonNode record, WriteLease lease) {
    lease.recorded(record.path("sys_id").asText());
    return ref(record.path("number").asText(), record.path("sys_id").asText());
  }

  /** The later of two changes for one request gives up the key and is cancelled, pointing at the one Runway keeps. */
  private void markDuplicate(JsonNode duplicate, JsonNode kept, String requestKey) {
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put("correlation_id", requestKey + DUPLICATE_SUFFIX);
    changes.put("state", properties.cancelState());
    changes.put("work_notes", "Duplicate of " + kept.path("number").asText() + ": Runway opened this change twice for one request"
        + " and keeps " + kept.path("number").asText() + ".");
    http.send("cancel duplicate change request " + duplicate.path("number").asText(), "PATCH",
        tablePath() + "/" + duplicate.path("sys_id").asText() + "?sysparm_fields=sys_id", changes);
  }

  @Override
  public void updateTicket(TicketUpdate update) {
    try (WriteLease lease = ledger.lease(VENDOR, update.requestKey())) {
      update(update, lease);
    }
  }

  private void update(TicketUpdate update, WriteLease lease) {
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
      lease.stillHeld();
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
    JsonNode result = http.send(call, "GET", path, null).array("result");
    return result.isEmpty() ? null : result.get(0);
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
