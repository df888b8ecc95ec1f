package io.runway.activities.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.activities.hostile.HostileVendor.Answer;
import io.runway.activities.hostile.HostileVendor.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * ServiceNow's Table API for {@code change_request}: encoded queries of {@code field=value} joined by
 * {@code ^} with {@code ORDERBY}, display values on request, work notes appended as a journal. Its
 * reads are consistent: what was inserted is found at once.
 */
public final class HostileServiceNow {

  /** A change request as the instance keeps it. */
  public static final class Change {
    public final String sysId;
    public final String number;
    public final Map<String, String> fields = new LinkedHashMap<>();
    public final List<String> workNotes = new ArrayList<>();

    Change(String sysId, String number) {
      this.sysId = sysId;
      this.number = number;
    }
  }

  private final List<Change> changes = new ArrayList<>();

  HostileServiceNow() {}

  public synchronized List<Change> changes() {
    return List.copyOf(changes);
  }

  /** The change requests that carry this request key as their correlation id: exactly one is right. */
  public synchronized List<Change> changesFor(String requestKey) {
    return changes.stream().filter(c -> requestKey.equals(c.fields.get("correlation_id"))).toList();
  }

  /** A change someone else opened, with this correlation id. */
  public synchronized Change seed(String correlationId) {
    Change change = newChange();
    change.fields.put("correlation_id", correlationId);
    return change;
  }

  synchronized Answer handle(Request request) {
    String[] segments = request.path().substring("/api/now/table/".length()).split("/");
    Map<String, String> params = HostileVendor.params(request.query());
    if (request.method().equals("GET") && segments.length == 1) {
      return Answer.json(200, HostileJira.write(Map.of("result", query(params))));
    }
    if (request.method().equals("POST") && segments.length == 1) {
      Change change = newChange();
      apply(change, HostileJira.read(request.body()));
      return Answer.json(201, HostileJira.write(Map.of("result", Map.of("sys_id", change.sysId, "number", change.number))));
    }
    if (request.method().equals("PATCH") && segments.length == 2) {
      Change change = changes.stream().filter(c -> c.sysId.equals(segments[1])).findFirst().orElse(null);
      if (change == null) {
        return Answer.json(404, "{\"error\":{\"message\":\"No Record found\"},\"status\":\"failure\"}");
      }
      apply(change, HostileJira.read(request.body()));
      return Answer.json(200, HostileJira.write(Map.of("result", Map.of("sys_id", change.sysId))));
    }
    return Answer.json(400, "{\"error\":{\"message\":\"Invalid method\"},\"status\":\"failure\"}");
  }

  private List<Object> query(Map<String, String> params) {
    Predicate<Change> filter = c -> true;
    for (String condition : params.getOrDefault("sysparm_query", "").split("\\^")) {
      int eq = condition.indexOf('=');
      if (eq > 0 && !condition.startsWith("ORDERBY")) {
        String field = condition.substring(0, eq);
        String value = condition.substring(eq + 1);
        filter = filter.and(c -> value.equals(value(c, field)));
      }
    }
    int limit = Integer.parseInt(params.getOrDefault("sysparm_limit", "10000"));
    String[] fields = params.getOrDefault("sysparm_fields", "sys_id,number").split(",");
    boolean display = "all".equals(params.get("sysparm_display_value"));
    List<Object> result = new ArrayList<>();
    changes.stream().filter(filter).limit(limit).forEach(c -> {
      Map<String, Object> row = new LinkedHashMap<>();
      for (String field : fields) {
        String raw = value(c, field);
        String shown = field.equals("work_notes") ? String.join("\n\n", c.workNotes) : raw;
        row.put(field, display ? Map.of("display_value", shown == null ? "" : shown, "value", raw == null ? "" : raw) : raw == null ? "" : raw);
      }
      result.add(row);
    });
    return result;
  }

  private static String value(Change change, String field) {
    return switch (field) {
      case "sys_id" -> change.sysId;
      case "number" -> change.number;
      default -> change.fields.get(field);
    };
  }

  private static void apply(Change change, JsonNode body) {
    body.properties().forEach(e -> {
      if (e.getKey().equals("work_notes")) {
        change.workNotes.add(e.getValue().asText());
      } else {
        change.fields.put(e.getKey(), e.getValue().asText());
      }
    });
  }

  private Change newChange() {
    int n = changes.size() + 1;
    Change change = new Change(String.format("%032x", 0xC0FFEEL + n), String.format("CHG%07d", 30000 + n));
    change.fields.put("state", "-5");
    changes.add(change);
    return change;
  }
}
