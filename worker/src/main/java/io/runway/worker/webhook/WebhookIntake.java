package io.runway.worker.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.runway.worker.audit.AuditNotes;
import io.runway.worker.web.ApiProblem;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One delivery from receipt to answer: verify the signature over the raw bytes, read the payload,
 * claim the delivery id, signal, record the verdict. The claim comes before the signal so that a
 * concurrent redelivery is a duplicate; a failed signal gives the claim back so the retry counts.
 * Each verdict written to the delivery log is also counted for Prometheus and becomes the outcome of
 * the request's audit entry.
 */
@Service
class WebhookIntake {

  private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

  private final WebhookSettings settings;
  private final DeliveryLog deliveries;
  private final EventRouter router;
  private final JsonMapper json;
  private final MeterRegistry meters;

  WebhookIntake(WebhookSettings settings, DeliveryLog deliveries, EventRouter router, JsonMapper json, MeterRegistry meters) {
    this.settings = settings;
    this.deliveries = deliveries;
    this.router = router;
    this.json = json;
    this.meters = meters;
  }

  DeliveryAnswer receive(WebhookSource source, byte[] body, Function<String, String> headers) {
    AuditNotes.webhookSender(source.id());
    String headerDeliveryId = headers.apply(source.deliveryHeader);
    authenticate(source, body, headers.apply(source.signatureHeader), headerDeliveryId);
    InboundEvent event = read(source, body, headerDeliveryId);
    String deliveryId = headerDeliveryId != null ? headerDeliveryId
        : event.bodyDeliveryId() != null ? event.bodyDeliveryId() : "sha256:" + Signatures.sha256(body);
    if (!deliveries.claim(source, deliveryId)) {
      record(source, deliveryId, Verdict.DUPLICATE, null);
      return DeliveryAnswer.duplicateOf(deliveryId);
    }
    if (event.isIgnored()) {
      finish(source, deliveryId, Verdict.IGNORED, null, event.ignoredReason());
      return new DeliveryAnswer(deliveryId, false, Verdict.IGNORED, List.of(), event.ignoredReason());
    }
    EventRouter.Outcome outcome;
    try {
      outcome = router.route(event);
    } catch (RuntimeException e) {
      deliveries.release(source, deliveryId);
      throw e;
    }
    String keys = outcome.initiatives().isEmpty() ? null : String.join(",", outcome.initiatives());
    finish(source, deliveryId, outcome.verdict(), keys, outcome.detail());
    if (outcome.earlyTicket() != null) {
      deliveries.keepEarlyTicket(source, deliveryId, outcome.earlyTicket());
    }
    return new DeliveryAnswer(deliveryId, false, outcome.verdict(), outcome.initiatives(), outcome.detail());
  }

  private void record(WebhookSource source, String deliveryId, Verdict verdict, String detail) {
    deliveries.record(source, deliveryId, verdict, detail);
    AuditNotes.webhookVerdict(verdict.name(), deliveryId, null, detail);
    count(source, verdict);
  }

  private void finish(WebhookSource source, String deliveryId, Verdict verdict, String initiativeKeys, String detail) {
    deliveries.finish(source, deliveryId, verdict, initiativeKeys, detail);
    AuditNotes.webhookVerdict(verdict.name(), deliveryId, initiativeKeys, detail);
    count(source, verdict);
  }

  /** {@code runway_webhook_deliveries_total{source, verdict}}: every delivery once, with what Runway made of it. */
  private void count(WebhookSource source, Verdict verdict) {
    Counter.builder("runway.webhook.deliveries").description("Webhook deliveries by source and verdict")
        .tag("source", source.id()).tag("verdict", verdict.name()).register(meters).increment();
  }

  private void authenticate(WebhookSource source, byte[] body, String signature, String deliveryId) {
    var secret = settings.secret(source);
    if (secret.isEmpty()) {
      record(source, deliveryId, Verdict.REJECTED_SIGNATURE, "no secret configured");
      throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Webhooks from " + source.id() + " are refused: no secret is"
          + " configured for them. Set " + WebhookSettings.environmentVariable(source) + " (runway.webhooks."
          + source.id() + ".secret) to the secret the sender signs with.", null);
    }
    if (!Signatures.verify(secret.get(), body, signature)) {
      String why = signature == null ? "missing " + source.signatureHeader : "bad " + source.signatureHeader;
      log.warn("refused a {} webhook: {}", source.id(), why);
      record(source, deliveryId, Verdict.REJECTED_SIGNATURE, why);
      throw new ApiProblem(HttpStatus.UNAUTHORIZED, "The " + source.signatureHeader + " header is "
          + (signature == null ? "missing" : "not a valid signature of this body")
          + ": send sha256=<hex HMAC-SHA256 of the raw body with the shared secret>.", null);
    }
  }

  private InboundEvent read(WebhookSource source, byte[] body, String deliveryId) {
    JsonNode payload;
    try {
      payload = json.readTree(body);
    } catch (JacksonException e) {
      record(source, deliveryId, Verdict.IGNORED, "body is not JSON");
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "The " + source.id() + " webhook body is not JSON: " + e.getOriginalMessage(), null);
    }
    if (payload == null || !payload.isObject()) {
      record(source, deliveryId, Verdict.IGNORED, "body is not a JSON object");
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "The " + source.id() + " webhook body must be a JSON object.", null);
    }
    return switch (source) {
      case JIRA -> TicketPayloads.jira(payload);
      case SERVICENOW -> TicketPayloads.serviceNow(payload);
      case MLFLOW -> ProductionPayloads.mlflow(payload);
      case MONITORING -> ProductionPayloads.alertmanager(payload, settings.initiativeLabel());
    };
  }
}
