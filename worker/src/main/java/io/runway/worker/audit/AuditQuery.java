package io.runway.worker.audit;

import java.time.Instant;

/** Which entries to export: one initiative's, a period's ({@code from} inclusive, {@code to} exclusive), or both. */
public record AuditQuery(String initiativeKey, Instant from, Instant to) {}
