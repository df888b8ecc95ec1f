package io.runway.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.model.ProductionEventType;
import io.runway.worker.webhook.InboundEvent.ProductionSignal;
import io.runway.worker.webhook.InboundEvent.TicketResolved;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The payload shapes each sender documents, read without the application. */
class WebhookPayloadsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aServiceNowChangeClosedByItsBusinessRuleResolvesTheTicketByNumberThenSysId() {
    InboundEvent event = TicketPayloads.serviceNow(json("""
        {"sys_id": "c83c5e5347c12200e0ef563dbb9a7190", "number": "CHG0030001", "state": "Closed",
         "correlation_id": "fraud-scoring/integration/1", "sys_updated_on": "2026-11-23 10:00:00"}"""));

    assertThat(event.isIgnored()).isFalse();
    TicketResolved resolved = (TicketResolved) event.targets().getFirst();
    assertThat(resolved.candidateIds()).containsExactly("CHG0030001", "c83c5e5347c12200e0ef563dbb9a7190");
    assertThat(resolved.actor()).isEqualTo("servicenow");
  }

  @Test
  void withoutATimestampOrAnUpdateTimeAPayloadNamesNoDeliveryIdSoDistinctEventsAreNotCollapsed() {
    String done = """
        {"webhookEvent": "jira:issue_updated", "issue": {"key": "RWY-7", "fields": {"status": {"statusCategory": {"key": "done"}}}}%s}""";
    assertThat(TicketPayloads.jira(json(done.formatted(""))).bodyDeliveryId()).as("the body's hash identifies it instead").isNull();
    assertThat(TicketPayloads.jira(json(done.formatted(", \"timestamp\": 1767225600000"))).bodyDeliveryId())
        .isEqualTo("jira:jira:issue_updated:RWY-7:1767225600000");
    assertThat(TicketPayloads.serviceNow(json("""
        {"sys_id": "c83c5e5347c12200e0ef563dbb9a7190", "number": "CHG0030001", "state": "3"}""")).bodyDeliveryId()).isNull();
  }

  @Test
  void aCanceledServiceNowChangeIsNotAResolution() {
    InboundEvent event = TicketPayloads.serviceNow(json("""
        {"sys_id": "c83c5e5347c12200e0ef563dbb9a7190", "number": "CHG0030001", "state": "4"}"""));

    assertThat(event.ignoredReason()).contains("CHG0030001").contains("state 4");
  }

  @Test
  void aJiraUpdateOfAnIssueNotDoneOrWhoseStatusDidNotChangeIsIgnored() {
    assertThat(TicketPayloads.jira(json("""
        {"webhookEvent": "jira:issue_updated", "issue": {"key": "RWY-7", "fields": {"status":
          {"statusCategory": {"key": "indeterminate"}}}}}""")).ignoredReason()).contains("indeterminate");
    assertThat(TicketPayloads.jira(json("""
        {"webhookEvent": "jira:issue_updated", "issue": {"key": "RWY-7", "fields": {"status":
          {"statusCategory": {"key": "done"}}}}, "changelog": {"items": [{"field": "summary"}]}}""")).ignoredReason())
        .contains("did not change its status");
    assertThat(TicketPayloads.jira(json("""
        {"webhookEvent": "jira:issue_created", "issue": {"key": "RWY-7"}}""")).isIgnored()).isTrue();
  }

  @Test
  void mlflow3ModelVersionCreatedIsANewModelVersionEventKeyedByModelAndVersion() {
    InboundEvent event = ProductionPayloads.mlflow(json("""
        {"entity": "model_version", "action": "created", "timestamp": "2026-11-23T10:00:00Z",
         "data": {"name": "fraud-scoring", "version": "4", "source": "models:/m-1", "run_id": "abcd"}}"""));

    ProductionSignal signal = (ProductionSignal) event.targets().getFirst();
    assertThat(signal.modelName()).isEqualTo("fraud-scoring");
    assertThat(signal.event().type()).isEqualTo(ProductionEventType.NEW_MODEL_VERSION);
    assertThat(signal.event().modelVersion()).isEqualTo("4");
    assertThat(signal.event().eventId()).isEqualTo("mlflow:fraud-scoring:4");
  }

  @Test
  void stageTransitionsDoNotReopenGates() {
    assertThat(ProductionPayloads.mlflow(json("""
        {"event": "MODEL_VERSION_TRANSITIONED_TO_PRODUCTION", "model_name": "fraud-scoring", "version": "4"}""")).isIgnored())
        .isTrue();
  }

  @Test
  void alertmanagerFiringAlertsBecomeEventsAndResolvedOnesAreIgnored() {
    InboundEvent event = ProductionPayloads.alertmanager(json("""
        {"version": "4", "status": "firing", "groupKey": "{}:{alertname=\\"x\\"}", "alerts": [
          {"status": "firing", "labels": {"alertname": "ScoringLatencyHigh", "team": "ml", "initiative": "fraud-scoring"},
           "annotations": {}, "startsAt": "2026-11-23T10:00:00Z", "fingerprint": "aa11"},
          {"status": "firing", "labels": {"alertname": "Anything", "runway_event": "drift", "initiative": "churn"},
           "annotations": {"description": "PSI 0.4"}, "startsAt": "2026-11-23T10:00:00Z", "fingerprint": "bb22"},
          {"status": "resolved", "labels": {"alertname": "FeatureDrift", "initiative": "fraud-scoring"},
           "startsAt": "2026-11-22T10:00:00Z", "fingerprint": "cc33"},
          {"status": "firing", "labels": {"alertname": "NodeDown"}, "startsAt": "2026-11-23T10:00:00Z", "fingerprint": "dd44"}]}"""),
        "initiative");

    assertThat(event.targets()).hasSize(2);
    ProductionSignal incident = (ProductionSignal) event.targets().get(0);
    assertThat(incident.initiativeKey()).isEqualTo("fraud-scoring");
    assertThat(incident.event().type()).isEqualTo(ProductionEventType.INCIDENT);
    assertThat(incident.event().eventId()).isEqualTo("alert:aa11@2026-11-23T10:00:00Z");
    ProductionSignal drift = (ProductionSignal) event.targets().get(1);
    assertThat(drift.event().type()).isEqualTo(ProductionEventType.DRIFT_ALERT);
    assertThat(drift.event().detail()).isEqualTo("Anything: PSI 0.4");
  }

  @Test
  void signaturesAreCheckedOverTheExactBytes() {
    byte[] secret = "s3cret".getBytes(StandardCharsets.UTF_8);
    byte[] body = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
    String signature = Signatures.sign(secret, body);

    assertThat(Signatures.verify(secret, body, signature)).isTrue();
    assertThat(Signatures.verify(secret, body, signature.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
    assertThat(Signatures.verify(secret, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    assertThat(Signatures.verify(secret, body, "sha256=zz")).isFalse();
    assertThat(Signatures.verify(secret, body, signature.substring("sha256=".length()))).isFalse();
    assertThat(Signatures.verify(secret, body, null)).isFalse();
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
