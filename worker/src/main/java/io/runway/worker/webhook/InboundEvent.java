package io.runway.worker.webhook;

import io.runway.lifecycle.model.ProductionEvent;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a verified payload asks of Runway: the signals it implies, or nothing and why
 * ({@code ignoredReason}). {@code bodyDeliveryId} identifies the delivery when the sender sent no
 * delivery header.
 */
record InboundEvent(String bodyDeliveryId, List<Target> targets, String ignoredReason) {

  sealed interface Target permits TicketResolved, ProductionSignal {}

  /** A ticket was resolved; {@code candidateIds} are the identifiers the payload gives, in order of preference. */
  record TicketResolved(List<String> candidateIds, String status, String actor) implements Target {}

  /** A production event for the initiative {@code initiativeKey}, or for those in production with {@code modelName}. */
  record ProductionSignal(String initiativeKey, String modelName, ProductionEvent event) implements Target {}

  static InboundEvent of(String bodyDeliveryId, List<Target> targets) {
    return new InboundEvent(bodyDeliveryId, List.copyOf(targets), null);
  }

  static InboundEvent ignored(String bodyDeliveryId, String reason) {
    return new InboundEvent(bodyDeliveryId, List.of(), reason);
  }

  boolean isIgnored() {
    return ignoredReason != null;
  }

  /** The node's text, or null when it is missing, null or blank: payloads leave fields out freely. */
  static String text(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull() || node.isContainer()) {
      return null;
    }
    String text = node.asString();
    return text == null || text.isBlank() ? null : text;
  }
}
