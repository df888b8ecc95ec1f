package io.runway.worker.webhook;

import java.time.Instant;

/** One delivery as admins and auditors see it; {@code detail} says why it got its verdict. */
public record DeliveryView(
    long id,
    String source,
    String deliveryId,
    Instant receivedAt,
    Instant processedAt,
    Verdict verdict,
    String initiativeKey,
    String detail) {}
