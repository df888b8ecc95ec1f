package io.runway.lifecycle.model;

import java.time.Instant;

/**
 * One recorded value of a KPI for a month ({@code YYYY-MM}); {@code pilot} when recorded before
 * go-live. A later one for the same KPI and period corrects it; both stay in the history.
 */
public record KpiActual(
    long seq, String kpi, String period, double value, KpiSource source, String note, boolean pilot, String recordedBy,
    Instant recordedAt) {}
