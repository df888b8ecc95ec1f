package io.runway.worker.webhook;

import java.util.List;

/** The answer to a sender: 202 with the verdict, or 200 with {@code duplicate: true} for a redelivery. */
public record DeliveryAnswer(String deliveryId, boolean duplicate, Verdict verdict, List<String> initiatives, String detail) {

  static DeliveryAnswer duplicateOf(String deliveryId) {
    return new DeliveryAnswer(deliveryId, true, Verdict.DUPLICATE, List.of(), "this delivery was already received");
  }
}
