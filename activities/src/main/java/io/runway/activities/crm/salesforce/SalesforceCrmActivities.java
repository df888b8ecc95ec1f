package io.runway.activities.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.activities.http.VendorFailures;
import io.runway.activities.http.VendorHttp;
import io.runway.lifecycle.activity.CrmActivities;
import io.runway.lifecycle.activity.CrmRecord;
import io.runway.lifecycle.model.Owners;
import io.temporal.failure.ApplicationFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The initiative on a Salesforce record, upserted by external id: PATCH on the sObject Rows by External
 * ID resource creates the record the first time and updates it after, so a retry can never add a second.
 */
@Component("crmActivities")
@ConditionalOnProperty(name = "runway.crm.provider", havingValue = "salesforce")
@EnableConfigurationProperties(SalesforceProperties.class)
public class SalesforceCrmActivities implements CrmActivities {

  static final String VENDOR = "Salesforce";
  /** A field mapped to this is left out of the record, for objects that lack it. */
  static final String UNMAPPED = "none";

  private final SalesforceProperties properties;
  private final SalesforceTokens tokens;
  private final VendorHttp http;

  public SalesforceCrmActivities(SalesforceProperties properties) {
    properties.requireComplete();
    this.properties = properties;
    this.tokens = new SalesforceTokens(properties);
    this.http = new VendorHttp(VENDOR, properties.apiBase(), properties.timeout(), () -> "Bearer " + tokens.current());
  }

  @Override
  public String upsertInitiative(CrmRecord record) {
    if (record.externalId() == null || record.externalId().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(VENDOR + " upsert needs the initiative key as external id", "InvalidCrmRecord");
    }
    String path = recordPath(record.externalId());
    String call = "upsert " + properties.object() + " " + properties.externalIdField() + "=" + record.externalId();
    VendorHttp.Response answer = send(call, "PATCH", path, fields(record), 300);
    if (answer.status() == 300) {
      throw ambiguous(call, answer.json());
    }
    // 201 and, from API 46.0, 200 name the record; an older API version answers an update with 204 and no body
    String id = answer.json().path("id").asText("");
    if (!id.isEmpty()) {
      return id;
    }
    String read = "read " + properties.object() + " Id";
    VendorHttp.Response answered = send(read, "GET", path + "?fields=Id", null);
    String recordId = answered.json().path("Id").asText("");
    if (recordId.isBlank()) {
      throw VendorFailures.malformed(VENDOR, read, "the record's Id", answered.body());
    }
    return recordId;
  }

  /** One call with the cached token; a 401 means it expired or was revoked, so fetch another and try once more. */
  private VendorHttp.Response send(String call, String method, String path, Object body, int... accepted) {
    String token = tokens.current();
    int[] acceptingUnauthorized = IntStream.concat(IntStream.of(accepted), IntStream.of(401)).toArray();
    VendorHttp.Response answer = http.send(call, method, path, body, acceptingUnauthorized);
    if (answer.status() != 401) {
      return answer;
    }
    tokens.refused(token);
    return http.send(call, method, path, body, accepted);
  }

  private ApplicationFailure ambiguous(String call, JsonNode matches) {
    List<String> urls = new ArrayList<>();
    matches.forEach(match -> urls.add(match.isTextual() ? match.asText() : match.toString()));
    return ApplicationFailure.newNonRetryableFailure(VENDOR + " " + call + ": the external id matches " + urls.size()
        + " records " + urls + "; make " + properties.externalIdField() + " unique on " + properties.object()
        + " (merge or clear the duplicates), then retry", "SalesforceAmbiguousExternalId");
  }

  private Map<String, Object> fields(CrmRecord record) {
    SalesforceProperties.Fields to = properties.fields();
    Owners owners = record.owners() == null ? new Owners(null, null, null) : record.owners();
    // nulls are sent on purpose: Runway owns these fields, so a cleared value clears in Salesforce too
    Map<String, Object> fields = new LinkedHashMap<>();
    put(fields, to.name(), record.name());
    put(fields, to.businessUnit(), record.businessUnit());
    put(fields, to.stage(), record.stage() == null ? null : record.stage().name());
    put(fields, to.riskTier(), record.riskTier() == null ? null : record.riskTier().name());
    put(fields, to.businessOwner(), owners.business());
    put(fields, to.technicalOwner(), owners.technical());
    put(fields, to.operationsOwner(), owners.operations());
    put(fields, to.sponsor(), record.sponsor());
    put(fields, to.goLiveDate(), record.goLiveDate());
    put(fields, to.gateStatus(), record.gateStatus());
    put(fields, to.latestAttainment(), record.latestAttainment());
    put(fields, to.latestValueDecision(), record.latestValueDecision());
    return fields;
  }

  private static void put(Map<String, Object> fields, String field, Object value) {
    if (!UNMAPPED.equalsIgnoreCase(field)) {
      fields.put(field, value);
    }
  }

  private String recordPath(String externalId) {
    return "/services/data/" + properties.apiVersion() + "/sobjects/" + properties.object() + "/"
        + properties.externalIdField() + "/" + URLEncoder.encode(externalId, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
