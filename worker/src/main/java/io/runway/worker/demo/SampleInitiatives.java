package io.runway.worker.demo;

import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import java.math.BigDecimal;
import java.util.List;

/**
 * Sample launch requests, and how far the demo seed takes each, so every stage has something in it.
 * Keys start with {@link Lifecycle#SAMPLE_KEY_PREFIX} (reserved: no real launch can take one) and
 * names end with {@link #MARK}, so sample data is recognisable wherever it appears.
 */
final class SampleInitiatives {

  /** Ends the name of every sample initiative. */
  static final String MARK = " (sample)";

  /** {@code approvals} review gates approved in order, then a request for changes if asked. */
  record Sample(InitiativeRequest request, int approvals, boolean requestChanges) {}

  private SampleInitiatives() {}

  static List<Sample> all() {
    return List.of(
        new Sample(sample("invoice-triage", "Invoice triage assistant", "finance", RiskTier.MINIMAL,
            "Route incoming invoices to the right approver", "cycle time", "hours", 30.0, 6.0), 5, false),
        new Sample(sample("fraud-scoring", "Card fraud scoring", "payments", RiskTier.HIGH,
            "Score card transactions for fraud before authorisation", "false negative rate", "%", 4.0, 2.5), 5, false),
        new Sample(sample("support-reply-drafts", "Support reply drafts", "customer-service", RiskTier.LIMITED,
            "Draft first replies to support tickets for agents to edit", "handling time", "minutes", 12.0, 7.0), 2, false),
        new Sample(sample("contract-clause-search", "Contract clause search", "legal-ops", RiskTier.LIMITED,
            "Find non-standard clauses in supplier contracts", "cost per review", "EUR", 40.0, 15.0), 0, true),
        new Sample(sample("credit-limit-advisor", "Credit limit advisor", "lending", RiskTier.HIGH,
            "Recommend credit limit changes for analyst review", "error rate", "%", 8.0, 4.0), 0, false),
        new Sample(new InitiativeRequest(Lifecycle.SAMPLE_KEY_PREFIX + "churn-insights", "Churn insights" + MARK, null,
            "marketing", RiskTier.LIMITED,
            new Owners("ana.business", null, null), "sam.sponsor", List.of(), List.of(), null, null, null), 0, false),
        new Sample(sample("emotion-monitoring", "Workplace emotion monitoring", "hr", RiskTier.PROHIBITED,
            "Infer employee emotions from webcam video", "attrition", "%", 12.0, 10.0), 0, false));
  }

  private static InitiativeRequest sample(
      String key, String name, String unit, RiskTier tier, String purpose, String kpi, String kpiUnit,
      double baseline, double target) {
    return new InitiativeRequest(
        Lifecycle.SAMPLE_KEY_PREFIX + key, name + MARK, purpose, unit, tier,
        new Owners("ana.business", "tom.technical", "olga.operations"),
        "sam.sponsor",
        List.of("internal", "personal"),
        List.of(new Kpi(kpi, kpiUnit, baseline, target)),
        new Budget(new BigDecimal("2500"), "EUR"),
        Lifecycle.SAMPLE_KEY_PREFIX + key + "-model",
        "1");
  }
}
