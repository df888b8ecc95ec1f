package io.runway.worker.initiative;

import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.InitiativeRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The launch payload in one canonical JSON form (sorted keys, normalised numbers) and its SHA-256,
 * so a retried launch is recognised however its JSON was formatted.
 */
final class CanonicalPayload {

  private static final JsonMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  final String json;
  final String sha256;

  private CanonicalPayload(String json) {
    this.json = json;
    this.sha256 = sha256(json);
  }

  static CanonicalPayload of(InitiativeRequest request) {
    return new CanonicalPayload(CANONICAL.writeValueAsString(normalise(request)));
  }

  static InitiativeRequest read(String json) {
    return CANONICAL.readValue(json, InitiativeRequest.class);
  }

  /** 1000 and 1000.00 are the same budget. */
  private static InitiativeRequest normalise(InitiativeRequest r) {
    Budget budget = r.budget();
    if (budget != null && budget.monthlyCost() != null) {
      budget = new Budget(budget.monthlyCost().stripTrailingZeros(), budget.currency());
    }
    return new InitiativeRequest(
        r.key(), r.name(), r.purpose(), r.businessUnit(), r.riskTier(), r.owners(), r.sponsor(), r.dataClasses(),
        r.kpis(), budget, r.modelName(), r.modelVersion());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
