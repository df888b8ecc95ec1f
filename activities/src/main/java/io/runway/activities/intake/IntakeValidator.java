package io.runway.activities.intake;

import io.runway.lifecycle.activity.IntakeActivities;
import io.runway.lifecycle.activity.IntakeVerdict;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.policy.LifecyclePolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Decides whether an initiative may enter the lifecycle. Each missing item is a field path and what
 * the program office must supply, because the list is shown to them verbatim in their task.
 */
@Component
public class IntakeValidator implements IntakeActivities {

  @Override
  public IntakeVerdict validateIntake(InitiativeRequest request, LifecyclePolicy policy) {
    if (request.riskTier() == RiskTier.PROHIBITED) {
      return new IntakeVerdict(true, policy.prohibitedReason(), List.of());
    }
    List<String> missing = new ArrayList<>();
    owners(request.owners(), missing);
    if (blank(request.purpose())) {
      missing.add("purpose: describe the intended purpose (what the model decides or recommends, for whom)");
    }
    if (request.dataClasses().stream().allMatch(IntakeValidator::blank)) {
      missing.add("dataClasses: name at least one class of data the model uses (e.g. personal, financial, public)");
    }
    kpis(request.kpis(), missing);
    budget(request.budget(), missing);
    riskTier(request.riskTier(), policy, missing);
    return new IntakeVerdict(false, null, missing);
  }

  private static void owners(Owners owners, List<String> missing) {
    Owners named = Objects.requireNonNullElse(owners, new Owners(null, null, null));
    if (blank(named.business())) {
      missing.add("owners.business: a named business owner is required");
    }
    if (blank(named.technical())) {
      missing.add("owners.technical: a named technical owner is required");
    }
    if (blank(named.operations())) {
      missing.add("owners.operations: a named operations owner is required");
    }
  }

  private static void kpis(List<Kpi> kpis, List<String> missing) {
    if (kpis.isEmpty()) {
      missing.add("kpis: at least one KPI with a baseline and a target is required");
      return;
    }
    for (int i = 0; i < kpis.size(); i++) {
      Kpi kpi = kpis.get(i);
      String path = "kpis[" + i + "]";
      if (kpi == null) {
        missing.add(path + ": the KPI is empty");
        continue;
      }
      if (blank(kpi.name())) {
        missing.add(path + ".name: say what is measured (e.g. cycle time, error rate, cost per inference)");
      }
      if (kpi.baseline() == null) {
        missing.add(path + ".baseline: the value today is required, so the gain can be measured");
      }
      if (kpi.target() == null) {
        missing.add(path + ".target: the value the initiative must reach is required");
      } else if (kpi.target().equals(kpi.baseline())) {
        missing.add(path + ".target: must differ from the baseline, or the KPI measures no change");
      }
      if (kpi.mlflow() != null && kpi.mlflow().problem() != null) {
        missing.add(path + "." + kpi.mlflow().problem());
      }
      // actuals name their KPI, so two KPIs of one name could not be told apart
      if (!blank(kpi.name()) && kpis.subList(0, i).stream().anyMatch(k -> k != null && kpi.name().equals(k.name()))) {
        missing.add(path + ".name: '" + kpi.name() + "' is already the name of another KPI; KPI names must differ");
      }
    }
  }

  private static void budget(Budget budget, List<String> missing) {
    if (budget == null) {
      missing.add("budget: a monthly cost and its currency are required");
      return;
    }
    if (budget.monthlyCost() == null) {
      missing.add("budget.monthlyCost: the expected monthly run cost is required");
    } else if (budget.monthlyCost().compareTo(BigDecimal.ZERO) < 0) {
      missing.add("budget.monthlyCost: cannot be negative, was " + budget.monthlyCost().toPlainString());
    }
    if (blank(budget.currency())) {
      missing.add("budget.currency: an ISO 4217 currency code (e.g. EUR) is required");
    } else if (!isCurrency(budget.currency())) {
      missing.add("budget.currency: '" + budget.currency() + "' is not an ISO 4217 currency code (e.g. EUR)");
    }
  }

  private static void riskTier(RiskTier tier, LifecyclePolicy policy, List<String> missing) {
    if (tier == null) {
      missing.add("riskTier: classify the initiative as MINIMAL, LIMITED or HIGH (EU AI Act risk tiers)");
    } else if (policy.tiers() == null || !policy.tiers().containsKey(tier)) {
      missing.add("riskTier: lifecycle policy " + policy.version() + " defines no gates for " + tier);
    }
  }

  private static boolean isCurrency(String code) {
    try {
      return Currency.getInstance(code.strip()) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
