package io.runway.worker.webhook;

import static io.runway.worker.webhook.InboundEvent.text;

import io.runway.worker.webhook.InboundEvent.TicketResolved;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** Reads the ticketing systems' payloads: a resolved ticket is what satisfies an integration gate. */
final class TicketPayloads {

  /**
   * change_request states as a Business Rule sends them: the display value or the number (3 is
   * Closed); {@code resolved} and 6 cover incident-like tables. Canceled (4) is not a resolution.
   */
  private static final Set<String> SERVICENOW_RESOLVED = Set.of("closed", "resolved", "complete", "3", "6");

  private TicketPayloads() {}

  /** Jira Cloud {@code jira:issue_updated}: resolved when the status category is {@code done}. */
  static InboundEvent jira(JsonNode body) {
    String event = text(body.path("webhookEvent"));
    String key = text(body.path("issue").path("key"));
    String timestamp = text(body.path("timestamp"));
    // without a timestamp nothing in the body tells two events apart: the body's hash identifies the delivery
    String bodyId = key == null || timestamp == null ? null : "jira:" + event + ":" + key + ":" + timestamp;
    if (!"jira:issue_updated".equals(event)) {
      return InboundEvent.ignored(bodyId, "Jira event " + event + " is not an issue update");
    }
    if (key == null) {
      return InboundEvent.ignored(bodyId, "the payload has no issue.key");
    }
    JsonNode status = body.path("issue").path("fields").path("status");
    String category = text(status.path("statusCategory").path("key"));
    if (!"done".equalsIgnoreCase(category)) {
      return InboundEvent.ignored(bodyId, key + " is in status category " + category + ", not done");
    }
    if (body.has("changelog") && !statusChanged(body.path("changelog"))) {
      // an edit or comment on an issue that is already done: the resolution was reported when it happened
      return InboundEvent.ignored(bodyId, key + " is done but this update did not change its status");
    }
    return InboundEvent.of(bodyId, List.of(new TicketResolved(List.of(key), "RESOLVED", "jira")));
  }

  /** The JSON a ServiceNow Business Rule posts: {@code sys_id}, {@code number}, {@code state}, {@code correlation_id}. */
  static InboundEvent serviceNow(JsonNode body) {
    String number = text(body.path("number"));
    String sysId = text(body.path("sys_id"));
    String state = text(body.path("state"));
    String updatedOn = text(body.path("sys_updated_on"));
    String bodyId = updatedOn == null ? null : "servicenow:" + (sysId == null ? number : sysId) + ":" + state + ":" + updatedOn;
    if (number == null && sysId == null) {
      return InboundEvent.ignored(null, "the payload has neither number nor sys_id");
    }
    if (state == null || !SERVICENOW_RESOLVED.contains(state.toLowerCase(Locale.ROOT))) {
      return InboundEvent.ignored(bodyId, (number == null ? sysId : number) + " is in state " + state + ", not closed or resolved");
    }
    List<String> ids = Stream.of(number, sysId).filter(id -> id != null).toList();
    return InboundEvent.of(bodyId, List.of(new TicketResolved(ids, "RESOLVED", "servicenow")));
  }

  private static boolean statusChanged(JsonNode changelog) {
    for (JsonNode item : changelog.path("items")) {
      if ("status".equalsIgnoreCase(text(item.path("field")))) {
        return true;
      }
    }
    return false;
  }
}
