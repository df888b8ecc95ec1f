package io.runway.worker.records;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What the local systems of record show through the API. */
final class RecordViews {

  private RecordViews() {}

  record Ticket(
      String id, String initiativeKey, String gate, String summary, String description, List<String> labels,
      String status, Instant createdAt, Instant updatedAt, List<Comment> comments) {}

  record Comment(String body, Instant createdAt) {}

  record CrmRecord(
      String externalId, String crmId, String name, String businessUnit, String stage, String riskTier,
      JsonNode owners, String sponsor, String goLiveDate, Instant updatedAt) {}

  record ModelVersion(String version, JsonNode metrics, JsonNode tags, Instant createdAt) {}

  record ModelAlias(String alias, String version, Instant updatedAt) {}

  record Model(String name, List<ModelVersion> versions, List<ModelAlias> aliases) {}

  record Notification(
      String requestKey, String kind, String initiativeKey, String taskId, List<String> recipients, String subject,
      String body, Instant createdAt) {}

  record Accepted(String ticketId, String initiativeKey, String event) {}
}
