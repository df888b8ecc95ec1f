package io.runway.lifecycle.activity;

import java.util.List;

/**
 * A reminder or escalation. Recipients are addresses in Runway's vocabulary: {@code user:<name>},
 * {@code group:<group>}, {@code lead:<group>}. {@code requestKey} de-duplicates retried sends.
 */
public record Notification(
    String requestKey, String kind, String initiativeKey, String taskId, List<String> recipients, String subject, String body) {}
