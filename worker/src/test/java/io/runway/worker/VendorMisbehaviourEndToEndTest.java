package io.runway.worker;

import static io.runway.worker.WebhookSender.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.activities.hostile.HostileVendor;
import io.runway.activities.hostile.HostileVendor.Answer;
import io.runway.activities.hostile.HostileVendor.Before;
import io.runway.activities.hostile.HostileVendor.Replace;
import io.runway.activities.ticketing.jira.JiraTicketingActivities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One MINIMAL initiative through Jira, Salesforce and MLflow when they misbehave (issue 16), all
 * three played by the hostile vendor stand-in: Jira sends the integration issue's "done" webhook
 * before it answers the create (an early webhook: kept, then applied once the gate holds the issue,
 * so the gate does not wait forever); MLflow sends a metric that is not a number (shown invalid) and
 * then fails the production alias, first with a 503 (a wait on the timeline) and then for good (an
 * incident). Runway's stage never runs ahead of the vendors' state, and each gate has exactly one
 * Jira issue.
 */
@SpringBootTest(
    classes = RunwayApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runway.ticketing.provider=jira",
      "runway.crm.provider=salesforce",
      "runway.mlops.provider=mlflow",
      "runway.jira.email=runway-bot@example.com",
      "runway.jira.api-token=hostile-jira-token",
      "runway.jira.project-key=SEC",
      "runway.jira.search-lag=1s",
      "runway.salesforce.client-id=3MVG9hostile",
      "runway.salesforce.client-secret=hostile-salesforce-secret",
      "runway.webhooks.early-ticket-events.recheck-every=300ms"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class VendorMisbehaviourEndToEndTest extends ApiTestSupport {

  static final String MODEL = "claims-ranker";
  static final String ALIAS = "/api/2.0/mlflow/registered-models/alias";
  static final List<String> GATES = List.of("security-review", "data-readiness", "integration", "hitl-validation",
      "operations-handover");
  static final HostileVendor vendor = startVendor();

  private static HostileVendor startVendor() {
    try {
      HostileVendor vendor = new HostileVendor();
      vendor.mlflow().register(MODEL, "3", "run-3f9a", """
          [{"key": "data_quality_score", "value": 0.97, "timestamp": 1763891000000, "step": 1},
           {"key": "null_rate", "value": "n/a", "timestamp": 1763891000000, "step": 1},
           {"key": "freshness_hours", "value": 4, "timestamp": 1763891000000, "step": 1}]""");
      return vendor;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void vendorUrls(DynamicPropertyRegistry registry) {
    registry.add("runway.jira.base-url", vendor::baseUrl);
    registry.add("runway.salesforce.token-url", () -> vendor.baseUrl() + "/services/oauth2/token");
    registry.add("runway.mlflow.tracking-uri", vendor::baseUrl);
  }

  @AfterAll
  static void stopVendor() throws IOException {
    vendor.close();
  }

  @Test
  void theStageNeverRunsAheadOfTheVendorsAndAnEarlyWebhookIsNotLost() {
    LifecycleSteps steps = new LifecycleSteps(api);
    String key = uniqueKey("hostile");
    sendDoneWebhookBeforeAnsweringTheCreateOf("integration");
    Map<String, Object> launch = completeLaunch(key, "MINIMAL");
    launch.put("modelName", MODEL);
    launch.put("modelVersion", "3");
    assertThat(api.post(PROGRAM_OFFICE, "/api/v1/initiatives", launch).status()).isEqualTo(201);

    steps.approveAs("security-1", steps.inboxTask("security-1", "security", key));

    JsonNode dataReadiness = steps.inboxTask("data-engineering-1", "data-engineering", key);
    assertThat(dataReadiness.path("metrics").path("data_quality_score").asDouble()).isEqualTo(0.97);
    assertThat(dataReadiness.path("invalidMetrics").path("null_rate").asString()).as("a metric MLflow sent as text").isEqualTo("\"n/a\"");
    steps.approveAs("data-engineering-1", dataReadiness);

    // the integration issue's "done" reached Runway before the issue did: kept, then applied to the gate
    steps.approveAs("engineering-1", steps.inboxTask("engineering-1", "engineering", key));
    steps.assertGate(key, "INTEGRATION", "APPROVED");
    JsonNode deliveries = api.get("admin-1", "/api/v1/webhooks/deliveries?source=jira&size=200").json().path("items");
    assertThat(deliveries.toString()).contains("applied once " + key + " held");

    steps.approveAs("business-validation-1", steps.inboxTask("business-validation-1", "business-validation", key));
    vendor.on("POST", ALIAS, 1, new Replace(Answer.json(503, "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\"}").withHeader("Retry-After", "1")));
    vendor.on("POST", ALIAS, -1, new Replace(Answer.json(400,
        "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Registered model alias production is locked\"}")));
    steps.approveAs("operations-1", steps.inboxTask("operations-1", "operations", key));

    JsonNode incident = steps.inboxTask("engineering-1", "engineering", key);
    assertThat(incident.path("kind").asString()).isEqualTo("INTEGRATION_INCIDENT");
    assertThat(incident.path("findings").asString()).contains("promoting version 3 failed").contains("is locked");
    JsonNode held = steps.initiativeWhen(key, v -> v.path("timeline").toString().contains("INTEGRATION_INCIDENT"));
    assertThat(held.path("stage").asString()).as("not in production while the alias is not set").isEqualTo("OPERATIONS_HANDOVER");
    assertThat(vendor.mlflow().alias(MODEL, "production")).isNull();
    assertThat(vendor.salesforce().record(key).get("Stage__c")).isNotEqualTo("IN_PRODUCTION");
    assertThat(held.path("timeline").toString()).contains("waiting on MLflow: promoting version 3, attempt 1 of 12 failed");

    vendor.behave();
    Api.Response retried = steps.complete("engineering-1", incident, "RETRY", "alias unlocked", false);
    assertThat(retried.status()).as(retried.raw()).isEqualTo(200);

    JsonNode live = steps.initiativeWhen(key, v -> "IN_PRODUCTION".equals(v.path("stage").asString()));
    assertThat(vendor.mlflow().alias(MODEL, "production")).isEqualTo("3");
    assertThat(vendor.salesforce().record(key)).containsEntry("Stage__c", "IN_PRODUCTION").containsKey("Go_Live_Date__c");
    assertThat(vendor.salesforce().record(key).get("Go_Live_Date__c")).isNotNull();
    for (String gate : GATES) {
      String requestKey = key + "/" + gate + "/1";
      assertThat(vendor.jira().issuesFor(requestKey, JiraTicketingActivities.requestLabel(requestKey))).as(gate).hasSize(1);
    }
    assertThat(live.path("timeline").toString()).doesNotContain("hostile-jira-token", "hostile-salesforce-secret");
  }

  /** Jira's webhook for the issue carrying {@code gateLabel}, sent and answered before Jira answers the create. */
  private void sendDoneWebhookBeforeAnsweringTheCreateOf(String gateLabel) {
    vendor.on("POST", "/rest/api/3/issue", -1, new Before(answer -> {
      String issueKey = answer.status() == 201 ? Api.JSON.readTree(answer.text()).path("key").asString(null) : null;
      if (issueKey == null || vendor.jira().issue(issueKey).filter(i -> i.labels.contains(gateLabel)).isEmpty()) {
        return;
      }
      String body = WebhookSender.jiraIssueDone(issueKey);
      Api.Response early = api.postRaw("/api/v1/webhooks/jira", bytes(body),
          WebhookSender.jiraHeaders(WebhookSender.deliveryId(), body, WebhookSender.JIRA_SECRET));
      assertThat(early.json().path("verdict").asString()).as("no gate holds " + issueKey + " yet").isEqualTo("UNMATCHED");
    }));
  }
}
