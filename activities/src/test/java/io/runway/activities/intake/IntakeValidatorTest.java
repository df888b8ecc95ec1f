package io.runway.activities.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.activities.policy.YamlPolicyActivities;
import io.runway.lifecycle.activity.IntakeVerdict;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.policy.LifecyclePolicy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

class IntakeValidatorTest {

  private static LifecyclePolicy policy;
  private final IntakeValidator validator = new IntakeValidator();

  @BeforeAll
  static void loadPolicy() {
    policy = new YamlPolicyActivities(new DefaultResourceLoader().getResource(YamlPolicyActivities.DEFAULT_LOCATION)).currentPolicy();
  }

  private static InitiativeRequest complete() {
    return new InitiativeRequest("fraud-scoring", "Fraud scoring", "Flag card payments for manual review", "Payments",
        RiskTier.HIGH, new Owners("alice", "bob", "carol"), "dave", List.of("financial", "personal"),
        List.of(new Kpi("false positive rate", "%", 12.0, 6.0)), new Budget(new BigDecimal("4200.00"), "EUR"),
        "fraud-model", "3");
  }

  private static InitiativeRequest with(Map<String, Object> changes) {
    InitiativeRequest r = complete();
    return new InitiativeRequest(r.key(), r.name(),
        (String) changes.getOrDefault("purpose", r.purpose()), r.businessUnit(),
        (RiskTier) changes.getOrDefault("riskTier", r.riskTier()),
        (Owners) changes.getOrDefault("owners", r.owners()), r.sponsor(),
        cast(changes.getOrDefault("dataClasses", r.dataClasses())),
        cast(changes.getOrDefault("kpis", r.kpis())),
        (Budget) changes.getOrDefault("budget", r.budget()), r.modelName(), r.modelVersion());
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> cast(Object list) {
    return (List<T>) list;
  }

  private IntakeVerdict validate(InitiativeRequest request) {
    return validator.validateIntake(request, policy);
  }

  @Test
  void completeRequestIsAccepted() {
    IntakeVerdict verdict = validate(complete());

    assertThat(verdict.complete()).isTrue();
    assertThat(verdict.prohibited()).isFalse();
    assertThat(verdict.missingItems()).isEmpty();
  }

  @Test
  void prohibitedTierIsRefusedWithThePolicysReason() {
    IntakeVerdict verdict = validate(with(Map.of("riskTier", RiskTier.PROHIBITED)));

    assertThat(verdict.prohibited()).isTrue();
    assertThat(verdict.complete()).isFalse();
    assertThat(verdict.refusalReason()).isEqualTo(policy.prohibitedReason()).contains("Article 5");
  }

  @Test
  void eachMissingOwnerIsNamed() {
    assertThat(validate(with(Map.of("owners", new Owners(" ", "bob", null)))).missingItems()).containsExactly(
        "owners.business: a named business owner is required",
        "owners.operations: a named operations owner is required");
    assertThat(validate(with(Map.of("owners", new Owners("alice", null, "carol")))).missingItems())
        .containsExactly("owners.technical: a named technical owner is required");
  }

  @Test
  void requestWithoutOwnersAtAllNamesAllThree() {
    InitiativeRequest r = complete();
    InitiativeRequest noOwners = new InitiativeRequest(r.key(), r.name(), r.purpose(), r.businessUnit(), r.riskTier(),
        null, r.sponsor(), r.dataClasses(), r.kpis(), r.budget(), null, null);

    assertThat(validate(noOwners).missingItems()).hasSize(3).allMatch(item -> item.startsWith("owners."));
  }

  @Test
  void missingPurposeIsNamed() {
    assertThat(validate(with(Map.of("purpose", "  "))).missingItems()).singleElement().asString().startsWith("purpose: ");
  }

  @Test
  void missingDataClassesAreNamed() {
    assertThat(validate(with(Map.of("dataClasses", List.of()))).missingItems()).singleElement().asString().startsWith("dataClasses: ");
    assertThat(validate(with(Map.of("dataClasses", List.of(" ")))).missingItems()).singleElement().asString().startsWith("dataClasses: ");
  }

  @Test
  void requestWithoutKpisNeedsOneWithBaselineAndTarget() {
    assertThat(validate(with(Map.of("kpis", List.of()))).missingItems())
        .containsExactly("kpis: at least one KPI with a baseline and a target is required");
  }

  @Test
  void kpiWithoutTargetOrBaselineIsNamedByIndex() {
    List<Kpi> kpis = List.of(new Kpi("cycle time", "h", 48.0, 8.0), new Kpi("error rate", "%", null, null));

    assertThat(validate(with(Map.of("kpis", kpis))).missingItems()).containsExactly(
        "kpis[1].baseline: the value today is required, so the gain can be measured",
        "kpis[1].target: the value the initiative must reach is required");
  }

  @Test
  void kpiWithoutNameOrWhoseTargetIsItsBaselineIsNamed() {
    List<Kpi> kpis = List.of(new Kpi(null, "EUR", 0.02, 0.02));

    assertThat(validate(with(Map.of("kpis", kpis))).missingItems()).containsExactly(
        "kpis[0].name: say what is measured (e.g. cycle time, error rate, cost per inference)",
        "kpis[0].target: must differ from the baseline, or the KPI measures no change");
  }

  @Test
  void budgetNeedsANonNegativeMonthlyCostAndACurrencyCode() {
    assertThat(validate(with(Map.of("budget", new Budget(null, "EUR")))).missingItems())
        .containsExactly("budget.monthlyCost: the expected monthly run cost is required");
    assertThat(validate(with(Map.of("budget", new Budget(new BigDecimal("-1"), "EUR")))).missingItems())
        .containsExactly("budget.monthlyCost: cannot be negative, was -1");
    assertThat(validate(with(Map.of("budget", new Budget(BigDecimal.TEN, null)))).missingItems())
        .containsExactly("budget.currency: an ISO 4217 currency code (e.g. EUR) is required");
    assertThat(validate(with(Map.of("budget", new Budget(BigDecimal.TEN, "euros")))).missingItems())
        .containsExactly("budget.currency: 'euros' is not an ISO 4217 currency code (e.g. EUR)");
  }

  @Test
  void missingBudgetIsNamed() {
    InitiativeRequest r = complete();
    InitiativeRequest noBudget = new InitiativeRequest(r.key(), r.name(), r.purpose(), r.businessUnit(), r.riskTier(),
        r.owners(), r.sponsor(), r.dataClasses(), r.kpis(), null, null, null);

    assertThat(validate(noBudget).missingItems()).containsExactly("budget: a monthly cost and its currency are required");
  }

  @Test
  void unclassifiedRequestIsAskedForATier() {
    InitiativeRequest r = complete();
    InitiativeRequest unclassified = new InitiativeRequest(r.key(), r.name(), r.purpose(), r.businessUnit(), null,
        r.owners(), r.sponsor(), r.dataClasses(), r.kpis(), r.budget(), null, null);

    assertThat(validate(unclassified).missingItems())
        .containsExactly("riskTier: classify the initiative as MINIMAL, LIMITED or HIGH (EU AI Act risk tiers)");
  }

  @Test
  void tierThePolicyDoesNotCoverIsNamed() {
    LifecyclePolicy withoutHigh = new LifecyclePolicy(policy.version(), policy.prohibitedReason(),
        Map.of(RiskTier.MINIMAL, policy.tier(RiskTier.MINIMAL)), policy.escalation(), policy.reopenOn(),
        policy.intakeGroup(), policy.intakeSla(), policy.findingsGroup(), policy.findingsSla(), policy.incidentSla());

    assertThat(validator.validateIntake(complete(), withoutHigh).missingItems())
        .containsExactly("riskTier: lifecycle policy 2026.12-1 defines no gates for HIGH");
  }

  @Test
  void emptyRequestListsEveryMissingItemAtOnce() {
    InitiativeRequest empty = new InitiativeRequest("k", null, null, null, null, null, null, null, null, null, null, null);

    assertThat(validate(empty).missingItems()).extracting(item -> item.substring(0, item.indexOf(':'))).containsExactly(
        "owners.business", "owners.technical", "owners.operations", "purpose", "dataClasses", "kpis", "budget", "riskTier");
  }
}
