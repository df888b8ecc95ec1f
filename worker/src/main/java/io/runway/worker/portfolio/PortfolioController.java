package io.runway.worker.portfolio;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.runway.worker.web.ApiProblem;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only portfolio figures; every authenticated user (auditors included) may read them. */
@Tag(name = "Portfolio")
@RestController
@RequestMapping("/api/v1/portfolio")
class PortfolioController {

  static final int MAX_LISTED_PER_GROUP = 500;

  private final PortfolioQueries queries;

  PortfolioController(PortfolioQueries queries) {
    this.queries = queries;
  }

  @Operation(summary = "Read the portfolio funnel",
      description = "How many initiatives are at each stage, optionally for one business unit or risk tier.")
  @GetMapping("/funnel")
  Funnel funnel(@RequestParam(required = false) String businessUnit, @RequestParam(required = false) String riskTier,
      @RequestParam(required = false) String samples) {
    return queries.funnel(new PortfolioFilter(businessUnit, riskTier, 1, PortfolioFilter.Samples.parse(samples)));
  }

  @Operation(summary = "Read time in gate",
      description = "How long initiatives spend in each gate, by reviewing team: median and slowest.")
  @GetMapping("/time-in-gate")
  List<GateTime> timeInGate(
      @RequestParam(required = false) String businessUnit, @RequestParam(required = false) String riskTier,
      @RequestParam(required = false) String samples) {
    return queries.timeInGate(new PortfolioFilter(businessUnit, riskTier, 1, PortfolioFilter.Samples.parse(samples)));
  }

  @Operation(summary = "Read the stall radar",
      description = "Initiatives that have not moved for days days, grouped by where they wait.")
  @GetMapping("/stalls")
  StallRadar stalls(
      @RequestParam(required = false) String businessUnit,
      @RequestParam(required = false) String riskTier,
      @RequestParam(defaultValue = "14") int days,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) String samples) {
    if (limit < 1 || limit > MAX_LISTED_PER_GROUP) {
      throw ApiProblem.invalid("limit", "must be between 1 and " + MAX_LISTED_PER_GROUP + " (initiatives listed per group)");
    }
    return queries.stallRadar(new PortfolioFilter(businessUnit, riskTier, days, PortfolioFilter.Samples.parse(samples)), limit);
  }

  @Operation(summary = "List business units",
      description = "Every business unit that has launched an initiative.")
  @GetMapping("/business-units")
  List<String> businessUnits() {
    return queries.businessUnits();
  }
}
