package io.runway.activities.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.activities.hostile.HostileVendor.Answer;
import io.runway.activities.hostile.HostileVendor.Request;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Salesforce: the client-credentials token endpoint and the sObject Rows by External ID resource, whose
 * PATCH creates the record the first time (201) and updates it after (200), so it cannot duplicate.
 */
public final class HostileSalesforce {

  public static final String TOKEN = "00Dxx0000001gPL!hostile-token";
  private final String baseUrl;
  private final Map<String, Map<String, String>> records = new LinkedHashMap<>();

  HostileSalesforce(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The fields of the record with this external id, or null. */
  public synchronized Map<String, String> record(String externalId) {
    Map<String, String> record = records.get(externalId);
    return record == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(record));
  }

  public synchronized int recordCount() {
    return records.size();
  }

  synchronized Answer handle(Request request) {
    if (request.path().equals("/services/oauth2/token")) {
      return Answer.json(200, "{\"access_token\":\"" + TOKEN + "\",\"instance_url\":\"" + baseUrl + "\",\"token_type\":\"Bearer\"}");
    }
    String[] segments = request.path().split("/");
    String externalId = HostileVendor.decode(segments[segments.length - 1]);
    String id = "a0B" + String.format("%012d", Math.abs(externalId.hashCode()));
    if (request.method().equals("GET")) {
      return records.containsKey(externalId) ? Answer.json(200, "{\"Id\":\"" + id + "\"}")
          : Answer.json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
    }
    boolean created = !records.containsKey(externalId);
    Map<String, String> fields = records.computeIfAbsent(externalId, k -> new LinkedHashMap<>());
    JsonNode body = HostileJira.read(request.body());
    body.properties().forEach(e -> fields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    return Answer.json(created ? 201 : 200, "{\"id\":\"" + id + "\",\"success\":true,\"errors\":[],\"created\":" + created + "}");
  }
}
