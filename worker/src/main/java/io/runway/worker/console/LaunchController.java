package io.runway.worker.console;

import io.runway.worker.audit.AuditNotes;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.worker.initiative.Initiatives;
import io.runway.worker.initiative.LaunchResponse;
import io.runway.worker.security.Actors;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.Numbers;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Launch form: the API's intake fields, validated by the same bean validation and launch service;
 * each refusal is shown beside its field, and a launch goes on to the initiative's page.
 */
@Controller
@RequestMapping("/console/launch")
class LaunchController {

  private final Initiatives initiatives;

  LaunchController(Initiatives initiatives) {
    this.initiatives = initiatives;
  }

  @GetMapping
  String form(Model model) {
    return show(model, Map.of(), Map.of(), null);
  }

  @PostMapping
  String launch(@RequestParam Map<String, String> params, Authentication user, Model model) {
    Map<String, String> errors = new LinkedHashMap<>();
    InitiativeRequest request = request(params, errors);
    if (!errors.isEmpty()) {
      // every mistake at once: the bean validation's too, not only the numbers that did not parse
      initiatives.launchProblems(request).forEach(p -> errors.putIfAbsent(p.field(), p.message()));
      return show(model, params, errors, "Fix the fields marked below.");
    }
    try {
      LaunchResponse launched = initiatives.launch(request, Actors.of(user));
      return Redirects.withQuery("/console/initiatives/{key}", "?launched", launched.key());
    } catch (ApiProblem refused) {
      AuditNotes.refused(refused);
      refused.errors().forEach(e -> errors.put(e.field(), e.message()));
      return show(model, params, errors, errors.isEmpty() ? refused.getMessage() : "Fix the fields marked below.");
    }
  }

  private String show(Model model, Map<String, String> values, Map<String, String> errors, String summary) {
    model.addAttribute("v", values);
    model.addAttribute("errors", errors);
    model.addAttribute("summary", summary);
    model.addAttribute("riskTiers", RiskTier.values());
    return "console/launch";
  }

  private static InitiativeRequest request(Map<String, String> p, Map<String, String> errors) {
    RiskTier tier = null;
    String tierText = Completion.trimmed(p.get("riskTier"));
    if (tierText != null) {
      try {
        tier = RiskTier.valueOf(tierText);
      } catch (IllegalArgumentException e) {
        errors.put("riskTier", "'" + tierText + "' is not one of " + Arrays.toString(RiskTier.values()));
      }
    }
    Owners owners = new Owners(
        Completion.trimmed(p.get("owners.business")), Completion.trimmed(p.get("owners.technical")),
        Completion.trimmed(p.get("owners.operations")));
    List<String> dataClasses = Completion.trimmed(p.get("dataClasses")) == null ? List.of()
        : Arrays.stream(p.get("dataClasses").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    Double baseline = number(p, "kpi.baseline", errors);
    Double target = number(p, "kpi.target", errors);
    String kpiName = Completion.trimmed(p.get("kpi.name"));
    List<Kpi> kpis = kpiName == null ? List.of()
        : List.of(new Kpi(kpiName, Completion.trimmed(p.get("kpi.unit")), baseline, target));
    Budget budget = null;
    BigDecimal cost = amount(p, "budget.monthlyCost", errors);
    if (cost != null) {
      budget = new Budget(cost, Completion.trimmed(p.get("budget.currency")));
    }
    return new InitiativeRequest(
        Completion.trimmed(p.get("key")), Completion.trimmed(p.get("name")), Completion.trimmed(p.get("purpose")),
        Completion.trimmed(p.get("businessUnit")), tier, owners.all().isEmpty() ? null : owners,
        Completion.trimmed(p.get("sponsor")), dataClasses, kpis, budget, Completion.trimmed(p.get("modelName")),
        Completion.trimmed(p.get("modelVersion")));
  }

  /** A finite number, as the API's JSON reader takes it ({@link Numbers}). */
  private static Double number(Map<String, String> p, String field, Map<String, String> errors) {
    String text = Completion.trimmed(p.get(field));
    if (text == null) {
      return null;
    }
    try {
      return Numbers.finite(text);
    } catch (NumberFormatException e) {
      errors.put(field, e.getMessage() != null && e.getMessage().startsWith("must") ? e.getMessage() : "must be a number");
      return null;
    }
  }

  private static BigDecimal amount(Map<String, String> p, String field, Map<String, String> errors) {
    String text = Completion.trimmed(p.get(field));
    if (text == null) {
      return null;
    }
    try {
      return Numbers.amount(text);
    } catch (NumberFormatException e) {
      errors.put(field, e.getMessage() != null && e.getMessage().startsWith("must") ? e.getMessage() : "must be a number");
      return null;
    }
  }
}
