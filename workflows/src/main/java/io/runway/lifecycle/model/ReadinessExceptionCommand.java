package io.runway.lifecycle.model;

import java.time.LocalDate;

/**
 * Asks the governance board to let data readiness be approved although metrics miss their bounds,
 * until the end of {@code expiresOn} (UTC).
 */
public record ReadinessExceptionCommand(Actor actor, String justification, LocalDate expiresOn) {}
