package io.runway.worker.value;

import io.runway.worker.portfolio.PortfolioFilter;
import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.ReadinessException;
import io.runway.worker.security.Actors;
import io.runway.worker.value.ValueBodies.CostActualBody;
import io.runway.worker.value.ValueBodies.KpiActualBody;
import io.runway.worker.value.ValueBodies.ReadinessExceptionBody;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ValueController {

  private final Values values;

  ValueController(Values values) {
    this.values = values;
  }

  @PostMapping("/api/v1/initiatives/{key}/kpi-actuals")
  ResponseEntity<KpiActual> kpiActual(@PathVariable String key, @Valid @RequestBody KpiActualBody body, Authentication user) {
    KpiActual recorded = values.recordKpiActual(key, body.kpi(), body.period(), body.value(), body.source(), body.note(), Actors.of(user));
    return ResponseEntity.created(URI.create("/api/v1/initiatives/" + key + "/value")).body(recorded);
  }

  @PostMapping("/api/v1/initiatives/{key}/cost-actuals")
  ResponseEntity<CostActual> costActual(@PathVariable String key, @Valid @RequestBody CostActualBody body, Authentication user) {
    CostActual recorded = values.recordCostActual(key, body.period(), body.amount(), body.currency(), body.breakdown(), body.note(),
        Actors.of(user));
    return ResponseEntity.created(URI.create("/api/v1/initiatives/" + key + "/value")).body(recorded);
  }

  @PostMapping("/api/v1/initiatives/{key}/readiness-exceptions")
  ResponseEntity<ReadinessException> readinessException(@PathVariable String key, @Valid @RequestBody ReadinessExceptionBody body,
      Authentication user) {
    ReadinessException requested = values.requestReadinessException(key, body.justification(), body.expiresOn(), Actors.of(user));
    return ResponseEntity.created(URI.create("/api/v1/initiatives/" + key + "/value")).body(requested);
  }

  @GetMapping("/api/v1/initiatives/{key}/value")
  ValueView value(@PathVariable String key, Authentication user) {
    return values.view(key, Actors.of(user));
  }

  /** JSON, or CSV with {@code format=csv} (or {@code Accept: text/csv}). */
  @GetMapping("/api/v1/portfolio/value")
  ResponseEntity<?> portfolio(@RequestParam(required = false) String businessUnit, @RequestParam(required = false) String riskTier,
      @RequestParam(required = false) String format, @RequestParam(required = false) String samples,
      @org.springframework.web.bind.annotation.RequestHeader(value = "Accept", required = false) String accept, Authentication user) {
    PortfolioFilter.Samples which = PortfolioFilter.Samples.parse(samples);
    boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv"));
    if (format != null && !csv && !"json".equalsIgnoreCase(format)) {
      throw io.runway.worker.web.ApiProblem.invalid("format", "must be json or csv, got '" + format + "'");
    }
    if (csv) {
      return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
          .header("Content-Disposition", "attachment; filename=\"portfolio-value.csv\"")
          .body(values.portfolioCsv(businessUnit, riskTier, which, Actors.of(user)));
    }
    return ResponseEntity.ok(values.portfolio(businessUnit, riskTier, which, Actors.of(user)));
  }
}
