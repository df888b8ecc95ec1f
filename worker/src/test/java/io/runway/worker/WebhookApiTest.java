package io.runway.worker;

import static io.runway.worker.WebhookSender.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.TicketEvent;
import io.runway.worker.codec.AesGcmPayloadCodec;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks over real HTTP into the running app. "Exactly one effect" and "nothing happens" are
 * checked by counting signals in the workflow's history, not by waiting for something not to appear.
 */
class WebhookApiTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;
  @Autowired AesGcmPayloadCodec codec;

  @Test
  void jiraResolutionDeliveredThreeTimesConcurrentlySignalsOnceAndMovesTheIntegrationGateOn() {
    String key = uniqueKey("wh-jira");
    Lifecycles lifecycle = new Lifecycles(this, key);
    lifecycle.toIntegrationAwaitingTicket();
    String ticket = lifecycle.ticketOf("INTEGRATION");
    String body = WebhookSender.jiraIssueDone(ticket);
    Map<String, String> headers = WebhookSender.jiraHeaders(WebhookSender.deliveryId(), body, WebhookSender.JIRA_SECRET);

    List<Api.Response> answers = concurrently(3, () -> api.postRaw("/api/v1/webhooks/jira", bytes(body), headers));

    assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(202, 200, 200);
    answers.stream().filter(a -> a.status() == 200)
        .forEach(a -> assertThat(a.json().path("duplicate").asBoolean()).as(a.raw()).isTrue());
    Api.Response accepted = answers.stream().filter(a -> a.status() == 202).findFirst().orElseThrow();
    assertThat(accepted.json().path("verdict").asString()).isEqualTo("ACCEPTED");
    assertThat(signals(key, "ticketEvent", ticket)).isEqualTo(1);
    JsonNode view = lifecycle.when(v -> "HITL_VALIDATION".equals(v.path("stage").asString()));
    assertThat(Lifecycles.count(view, "TICKET_RESOLVED")).isEqualTo(1);
  }

  @Test
  void aMissingOrBadSignatureIsRefusedRecordedAndSignalsNothing() {
    String key = uniqueKey("wh-sig");
    Lifecycles lifecycle = new Lifecycles(this, key);
    launch(key, "MINIMAL");
    String ticket = lifecycle.ticketOf("SECURITY_REVIEW");
    String body = WebhookSender.jiraIssueDone(ticket);
    String deliveryId = WebhookSender.deliveryId();

    assertProblem(api.postRaw("/api/v1/webhooks/jira", bytes(body), WebhookSender.jiraHeaders(deliveryId, body, null)), 401);
    Map<String, String> forged = WebhookSender.jiraHeaders(deliveryId, body, "not-the-secret");
    Api.Response bad = api.postRaw("/api/v1/webhooks/jira", bytes(body), forged);
    assertProblem(bad, 401);
    assertThat(bad.detail()).contains("X-Hub-Signature");
    Map<String, String> tampered = WebhookSender.jiraHeaders(deliveryId, body, WebhookSender.JIRA_SECRET);
    assertProblem(api.postRaw("/api/v1/webhooks/jira", bytes(body.replace("Done", "Dome")), tampered), 401);

    assertThat(signals(key, "ticketEvent", ticket)).isZero();
    JsonNode rejected = api.get("auditor-1", "/api/v1/webhooks/deliveries?verdict=REJECTED_SIGNATURE&source=jira&size=200").json();
    List<JsonNode> refusals = new ArrayList<>();
    rejected.path("items").forEach(d -> refusals.add(d));
    assertThat(refusals).filteredOn(d -> deliveryId.equals(d.path("deliveryId").asString())).hasSize(3);
    // the refused attempts did not claim the delivery id: the genuine delivery is processed
    Api.Response genuine = api.postRaw("/api/v1/webhooks/jira", bytes(body), tampered);
    assertThat(genuine.status()).as(genuine.raw()).isEqualTo(202);
    assertThat(signals(key, "ticketEvent", ticket)).isEqualTo(1);
  }

  @Test
  void driftAlertsAndNewModelVersionsReopenTheGatesOfAnInitiativeInProduction() {
    String key = uniqueKey("wh-prod");
    Lifecycles lifecycle = new Lifecycles(this, key);
    lifecycle.toProduction();
    String alert = WebhookSender.alertmanagerFiring(key, "ModelInputDrift", "4a7f2c9e01d3b5e8");
    // Alertmanager sends no delivery id: the payload's own identity de-duplicates its re-sends
    Map<String, String> headers = WebhookSender.runwayHeaders(null, alert, WebhookSender.MONITORING_SECRET);

    List<Api.Response> answers = concurrently(3, () -> api.postRaw("/api/v1/webhooks/monitoring", bytes(alert), headers));

    assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(202, 200, 200);
    assertThat(signals(key, "productionEvent", "DRIFT_ALERT")).isEqualTo(1);
    JsonNode revalidating = lifecycle.when(v -> "OPEN".equals(Lifecycles.gateStatus(v, "HITL_VALIDATION")));
    assertThat(Lifecycles.count(revalidating, "PRODUCTION_EVENT")).isEqualTo(1);
    assertThat(revalidating.path("stage").asString()).isEqualTo("IN_PRODUCTION");

    String version = WebhookSender.modelVersionCreated(key, "2");
    Api.Response created = api.postRaw("/api/v1/webhooks/mlflow", bytes(version),
        WebhookSender.runwayHeaders(WebhookSender.deliveryId(), version, WebhookSender.MLFLOW_SECRET));
    assertThat(created.status()).as(created.raw()).isEqualTo(202);
    assertThat(created.json().path("initiatives").get(0).asString()).isEqualTo(key);
    assertThat(signals(key, "productionEvent", "NEW_MODEL_VERSION")).isEqualTo(1);
    lifecycle.when(v -> v.path("timeline").toString().contains("NEW_MODEL_VERSION"));
  }

  @Test
  void eventsForUnknownInitiativesAreAcceptedAsUnmatchedAndShownToAdminsAndAuditorsOnly() {
    String unknown = uniqueKey("no-such-initiative");
    String alert = WebhookSender.alertmanagerFiring(unknown, "ScoringErrorRate", "9b1e55aa02c4d7f3");
    Api.Response answer = api.postRaw("/api/v1/webhooks/monitoring", bytes(alert),
        WebhookSender.runwayHeaders(WebhookSender.deliveryId(), alert, WebhookSender.MONITORING_SECRET));

    assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
    assertThat(answer.json().path("verdict").asString()).isEqualTo("UNMATCHED");
    String listing = "/api/v1/webhooks/deliveries?verdict=UNMATCHED&source=monitoring&size=200";
    for (String reader : List.of("admin-1", "auditor-1")) {
      Api.Response unmatched = api.get(reader, listing);
      assertThat(unmatched.status()).as(unmatched.raw()).isEqualTo(200);
      assertThat(unmatched.json().path("items").toString()).contains(unknown);
    }
    assertProblem(api.get("security-1", listing), 403);
  }

  @Test
  void jiraEventsWithoutADeliveryHeaderOrTimestampAreToldApartByTheirBodies() {
    String issue = "RWY-" + UUID.randomUUID().toString().substring(0, 8);
    String done = WebhookSender.jiraIssueDone(issue).replace("\"timestamp\": 1767225600000, ", "");
    String doneAgain = done.replace("\"changelog\": {\"id\": \"10100\"", "\"changelog\": {\"id\": \"10200\"");

    Api.Response first = api.postRaw("/api/v1/webhooks/jira", bytes(done), signedOnly(done));
    Api.Response second = api.postRaw("/api/v1/webhooks/jira", bytes(doneAgain), signedOnly(doneAgain));
    Api.Response redelivered = api.postRaw("/api/v1/webhooks/jira", bytes(done), signedOnly(done));

    assertThat(first.status()).as(first.raw()).isEqualTo(202);
    assertThat(second.status()).as("a second, distinct event: " + second.raw()).isEqualTo(202);
    assertThat(second.json().path("deliveryId").asString()).isNotEqualTo(first.json().path("deliveryId").asString()).startsWith("sha256:");
    assertThat(redelivered.status()).as(redelivered.raw()).isEqualTo(200);
    assertThat(redelivered.json().path("duplicate").asBoolean()).isTrue();
  }

  private static Map<String, String> signedOnly(String body) {
    return Map.of("X-Hub-Signature", WebhookSender.sign(WebhookSender.JIRA_SECRET, body));
  }

  @Test
  void aSourceWithoutASecretRefusesEverythingAndSaysWhichVariableToSet() {
    String body = """
        {"sys_id": "c83c5e5347c12200e0ef563dbb9a7190", "number": "CHG0030001", "state": "3", "correlation_id": "x"}""";
    Api.Response refused = api.postRaw("/api/v1/webhooks/servicenow", bytes(body),
        WebhookSender.runwayHeaders(WebhookSender.deliveryId(), body, "anything"));

    assertProblem(refused, 401);
    assertThat(refused.detail()).contains("no secret is configured").contains("RUNWAY_WEBHOOKS_SERVICENOW_SECRET");
  }

  /**
   * How many {@code name} signals mentioning {@code mentioning} the workflow has received. A signal
   * that arrives while a workflow task runs is written to history only when the task completes, so
   * this first sends a no-op fence (an OPEN status for no ticket) and waits until history shows it:
   * Temporal appends signals in the order it receives them, so every earlier one is there by then.
   */
  private long signals(String key, String name, String mentioning) {
    String fence = "fence-" + UUID.randomUUID();
    temporal.newWorkflowStub(InitiativeWorkflow.class, Lifecycle.workflowId(key)).ticketEvent(new TicketEvent(fence, "OPEN", "test"));
    List<HistoryEvent> history = await("the fence signal in " + key + "'s history",
        () -> temporal.fetchHistory(Lifecycle.workflowId(key)).getEvents(),
        events -> events.stream().anyMatch(e -> signalData(e).contains(fence)));
    return history.stream()
        .filter(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
        .filter(e -> name.equals(e.getWorkflowExecutionSignaledEventAttributes().getSignalName()))
        .filter(e -> signalData(e).contains(mentioning))
        .count();
  }

  /** The signal's arguments as JSON text; history holds them encrypted, so through the app's codec. */
  private String signalData(HistoryEvent event) {
    if (!event.hasWorkflowExecutionSignaledEventAttributes()) {
      return "";
    }
    StringBuilder data = new StringBuilder();
    codec.decode(event.getWorkflowExecutionSignaledEventAttributes().getInput().getPayloadsList())
        .forEach(p -> data.append(p.getData().toStringUtf8()));
    return data.toString();
  }

  /** Starts the calls together, so they race as a sender's retries and redeliveries can. */
  private static List<Api.Response> concurrently(int n, Supplier<Api.Response> call) {
    try (var pool = Executors.newFixedThreadPool(n)) {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Api.Response>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return call.get();
        }, pool));
      }
      start.countDown();
      return calls.stream().map(CompletableFuture::join).toList();
    }
  }
}
