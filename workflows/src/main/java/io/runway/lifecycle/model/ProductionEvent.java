package io.runway.lifecycle.model;

/** Something that happened to the initiative in production; {@code eventId} de-duplicates deliveries. */
public record ProductionEvent(
    String eventId, ProductionEventType type, String detail, String modelVersion, String source) {}
