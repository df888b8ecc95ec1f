package io.runway.lifecycle.model;

import java.util.List;

/**
 * What the program office submits to launch an initiative. Incomplete requests are accepted: the
 * intake activity lists what is missing and the program office completes it in a task.
 */
public record InitiativeRequest(
    String key,
    String name,
    String purpose,
    String businessUnit,
    RiskTier riskTier,
    Owners owners,
    String sponsor,
    List<String> dataClasses,
    List<Kpi> kpis,
    Budget budget,
    String modelName,
    String modelVersion) {

  public InitiativeRequest {
    dataClasses = dataClasses == null ? List.of() : List.copyOf(dataClasses);
    kpis = kpis == null ? List.of() : List.copyOf(kpis);
  }

  /** The registry model this initiative ships; defaults to the initiative key. */
  public String effectiveModelName() {
    return modelName == null || modelName.isBlank() ? key : modelName;
  }

  /** A copy whose non-null fields are taken from {@code amendment}; the key never changes. */
  public InitiativeRequest amendedBy(InitiativeRequest amendment) {
    if (amendment == null) {
      return this;
    }
    return new InitiativeRequest(
        key,
        pick(amendment.name, name),
        pick(amendment.purpose, purpose),
        pick(amendment.businessUnit, businessUnit),
        pick(amendment.riskTier, riskTier),
        pick(amendment.owners, owners),
        pick(amendment.sponsor, sponsor),
        amendment.dataClasses.isEmpty() ? dataClasses : amendment.dataClasses,
        amendment.kpis.isEmpty() ? kpis : amendment.kpis,
        pick(amendment.budget, budget),
        pick(amendment.modelName, modelName),
        pick(amendment.modelVersion, modelVersion));
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }
}
