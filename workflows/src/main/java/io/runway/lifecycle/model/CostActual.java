package io.runway.lifecycle.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** One recorded run cost of a month; a later one for the same period corrects it. */
public record CostActual(
    long seq, String period, BigDecimal amount, String currency, Map<String, BigDecimal> breakdown, String note,
    boolean pilot, String recordedBy, Instant recordedAt) {}
