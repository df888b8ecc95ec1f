package io.runway.lifecycle.activity;

/** Points the registry alias at the approved version and tags it with who approved it, when and for what. */
public record PromotionRequest(
    String requestKey,
    String modelName,
    String modelVersion,
    String alias,
    String approvedBy,
    String approvedAt,
    String initiativeKey) {}
