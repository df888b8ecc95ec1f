package io.runway.worker.records;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What the local systems of record show through the API. */
public final class RecordViews {

  private RecordViews() {}

  public record Ticket(
      String id, String initiativeKey, String gate, String summary, String description, List<String> labels,
      String status, Instant createdAt, Instant updatedAt, List<Comment> comments) {}

  public record Comment(String body, Instant createdAt) {}

  public record CrmRecord(
      String externalId, String crmId, String name, String businessUnit, String stage, String riskTier,
      JsonNode owners, String sponsor, String goLiveDate, Double latestAttainment, String latestValueDecision,
      String gateStatus, Instant updatedAt) {}

  public record ModelVersion(String version, JsonNode metrics, JsonNode tags, Instant createdAt) {}

  public record ModelAlias(String alias, String version, Instant updatedAt) {}

  public record Model(String name, List<ModelVersion> versions, List<ModelAlias> aliases) {}

  public record Notification(
      String requestKey, String kind, String initiativeKey, String taskId, List<String> recipients, String subject,
      String body, Instant createdAt) {}

  public record Accepted(String ticketId, String initiativeKey, String event) {}
}
