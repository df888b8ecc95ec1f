package io.runway.worker.console;

import io.runway.lifecycle.model.RiskTier;
import io.runway.worker.portfolio.Funnel;
import io.runway.worker.portfolio.GateTime;
import io.runway.worker.portfolio.PortfolioFilter;
import io.runway.worker.portfolio.PortfolioQueries;
import io.runway.worker.web.ApiProblem;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The portfolio: funnel by stage, time in gate by team, and the stall radar with whom to chase. */
@Controller
class PortfolioPageController {

  private static final int LISTED_PER_GROUP = 20;

  private final PortfolioQueries queries;
  private final GateForms forms;

  PortfolioPageController(PortfolioQueries queries, GateForms forms) {
    this.queries = queries;
    this.forms = forms;
  }

  @GetMapping("/console/portfolio")
  String portfolio(@RequestParam(required = false) String businessUnit, @RequestParam(required = false) String riskTier,
      @RequestParam(required = false) String days, @RequestParam(required = false) String samples, Model model) {
    int stallDays = days(days);
    PortfolioFilter filter = new PortfolioFilter(Completion.trimmed(businessUnit), Completion.trimmed(riskTier), stallDays,
        PortfolioFilter.Samples.parse(samples));
    Funnel funnel = queries.funnel(filter);
    // sample data shown beside real records is announced, with the way to leave it out
    model.addAttribute("sampleCount",
        filter.samples() == PortfolioFilter.Samples.INCLUDE ? queries.funnel(filter.samplesOnly()).total() : 0L);
    List<GateTime> times = queries.timeInGate(filter);
    model.addAttribute("filter", filter);
    model.addAttribute("businessUnits", queries.businessUnits());
    model.addAttribute("riskTiers", RiskTier.values());
    model.addAttribute("funnel", funnel);
    model.addAttribute("funnelChart", Charts.funnel(funnel, forms::title));
    model.addAttribute("times", times);
    model.addAttribute("timeChart", Charts.timeInGate(times, forms::title));
    model.addAttribute("timeDescription", String.join("; ", times.stream()
        .map(t -> forms.title(t.gate()) + " (" + t.team() + "): median " + Charts.duration(t.median()) + ", p90 "
            + Charts.duration(t.p90()))
        .toList()));
    model.addAttribute("radar", queries.stallRadar(filter, LISTED_PER_GROUP));
    model.addAttribute("charts", new ChartText(forms));
    return "console/portfolio";
  }

  private static int days(String text) {
    String value = Completion.trimmed(text);
    if (value == null) {
      return 14;
    }
    try {
      int days = Integer.parseInt(value);
      if (days >= 1) {
        return days;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.invalid("days", "must be a whole number of days, 1 or more");
  }

  /** Number formatting the template calls. */
  static final class ChartText {
    private final GateForms forms;

    ChartText(GateForms forms) {
      this.forms = forms;
    }

    public String percent(double share) {
      return Charts.percent(share);
    }

    public String duration(java.time.Duration d) {
      return Charts.duration(d);
    }

    public String humanise(String name) {
      return forms.title(name);
    }
  }
}
