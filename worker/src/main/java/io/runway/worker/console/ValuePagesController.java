package io.runway.worker.console;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.KpiSource;
import io.runway.lifecycle.model.RiskTier;
import io.runway.worker.audit.AuditNotes;
import io.runway.worker.portfolio.PortfolioQueries;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.security.Actors;
import io.runway.worker.value.ValueView;
import io.runway.worker.value.Values;
import io.runway.worker.web.ApiProblem;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The value tab of an initiative (charts, figures, decisions, forms to record figures) and the portfolio value page. */
@Controller
class ValuePagesController {

  private final Values values;
  private final PortfolioQueries portfolio;

  ValuePagesController(Values values, PortfolioQueries portfolio) {
    this.values = values;
    this.portfolio = portfolio;
  }

  @GetMapping("/console/initiatives/{key}/value")
  String value(@PathVariable String key, Authentication user, Model model) {
    Actor me = Actors.of(user);
    ValueView view = values.view(key, me);
    model.addAttribute("v", view);
    model.addAttribute("kpiCharts", view.kpis().stream().map(ValueCharts::kpi).toList());
    model.addAttribute("costChart", ValueCharts.costs(view.costs(), view.budget() == null ? null : view.budget().monthlyCost()));
    model.addAttribute("mayRecord", !view.stage().isTerminal() && AccessMatrix.KPI_ACTUALS.refusal(me).isEmpty());
    model.addAttribute("sources", KpiSource.values());
    return "console/value";
  }

  @PostMapping("/console/initiatives/{key}/value/kpi-actuals")
  String kpiActual(@PathVariable String key, @RequestParam(required = false) String kpi, @RequestParam(required = false) String period,
      @RequestParam(required = false) String value, @RequestParam(required = false) String note, Authentication user,
      RedirectAttributes flash) {
    return command(key, flash, "kpi", () -> {
      values.recordKpiActual(key, Completion.trimmed(kpi), Completion.trimmed(period), number("value", value), KpiSource.MANUAL,
          Completion.trimmed(note), Actors.of(user));
      return "Recorded " + kpi + " for " + period + ".";
    });
  }

  @PostMapping("/console/initiatives/{key}/value/cost-actuals")
  String costActual(@PathVariable String key, @RequestParam(required = false) String period,
      @RequestParam(required = false) String amount, @RequestParam(required = false) String currency,
      @RequestParam(required = false) String note, Authentication user, RedirectAttributes flash) {
    return command(key, flash, "cost", () -> {
      Double parsed = number("amount", amount);
      values.recordCostActual(key, Completion.trimmed(period), parsed == null ? null : BigDecimal.valueOf(parsed),
          Completion.trimmed(currency), Map.of(), Completion.trimmed(note), Actors.of(user));
      return "Recorded the run cost of " + period + ".";
    });
  }

  @GetMapping("/console/portfolio/value")
  String portfolioValue(@RequestParam(required = false) String businessUnit, @RequestParam(required = false) String riskTier,
      Authentication user, Model model) {
    model.addAttribute("pv", values.portfolio(Completion.trimmed(businessUnit), Completion.trimmed(riskTier), Actors.of(user)));
    model.addAttribute("businessUnit", Completion.trimmed(businessUnit));
    model.addAttribute("riskTier", Completion.trimmed(riskTier));
    model.addAttribute("businessUnits", portfolio.businessUnits());
    model.addAttribute("riskTiers", RiskTier.values());
    return "console/portfolio-value";
  }

  private String command(String key, RedirectAttributes flash, String form, java.util.function.Supplier<String> command) {
    try {
      flash.addFlashAttribute("notice", command.get());
    } catch (ApiProblem refused) {
      AuditNotes.refused(refused);
      flash.addFlashAttribute("actionError", refused.getMessage());
      flash.addFlashAttribute("failedForm", form);
    }
    return "redirect:/console/initiatives/" + key + "/value";
  }

  private static Double number(String field, String text) {
    String value = Completion.trimmed(text);
    if (value == null) {
      return null;
    }
    try {
      return Double.valueOf(value);
    } catch (NumberFormatException e) {
      throw ApiProblem.invalid(field, "'" + value + "' is not a number");
    }
  }
}
