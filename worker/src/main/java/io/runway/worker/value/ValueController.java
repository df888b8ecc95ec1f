package io.runway.worker.value;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
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

@Tag(name = "Value")
@RestController
class ValueController {

  private final Values values;

  ValueController(Values values) {
    this.values = values;
  }

  @Operation(summary = "Record a KPI actual",
      description = "The value one KPI reached in one month, after go-live; the same KPI and month again corrects it.")
  @ApiResponse(responseCode = "201", description = "Recorded; Location is the initiative's value.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The initiative has ended, or is not live yet.")
  @PostMapping("/api/v1/initiatives/{key}/kpi-actuals")
  ResponseEntity<KpiActual> kpiActual(@PathVariable String key, @Valid @RequestBody KpiActualBody body, Authentication user) {
    KpiActual recorded = values.recordKpiActual(key, body.kpi(), body.period(), body.value(), body.source(), body.note(), Actors.of(user));
    return ResponseEntity.created(URI.create("/api/v1/initiatives/" + key + "/value")).body(recorded);
  }

  @Operation(summary = "Record run costs",
      description = "What running the initiative cost in one month, in its budget's currency, optionally broken down.")
  @ApiResponse(responseCode = "201", description = "Recorded; Location is the initiative's value.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The initiative has ended, or the currency is not its budget's.")
  @PostMapping("/api/v1/initiatives/{key}/cost-actuals")
  ResponseEntity<CostActual> costActual(@PathVariable String key, @Valid @RequestBody CostActualBody body, Authentication user) {
    CostActual recorded = values.recordCostActual(key, body.period(), body.amount(), body.currency(), body.breakdown(), body.note(),
        Actors.of(user));
    return ResponseEntity.created(URI.create("/api/v1/initiatives/" + key + "/value")).body(recorded);
  }

  @Operation(summary = "Ask for a data-readiness exception",
      description = "Asks to go on although data readiness is not met, with a justification and an expiry; a governance-board member other than the requester decides it in a task.")
  @ApiResponse(responseCode = "201", description = "Requested; the decision is a governance-board task.", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "The initiative has ended, or is past data readiness.")
  @PostMapping("/api/v1/initiatives/{key}/readiness-exceptions")
  ResponseEntity<ReadinessException> readinessException(@PathVariable String key, @Valid @RequestBody ReadinessExceptionBody body,
      Authentication user) {
    ReadinessException requested = values.requestReadinessException(key, body.justification(), body.expiresOn(), Actors.of(user));
    return ResponseEntity.created(URI.create("/api/v1/initiatives/" + key + "/value")).body(requested);
  }

  @Operation(summary = "Read an initiative's value",
      description = "Its KPIs against baseline and target, month by month, its run costs against budget, and the value decisions taken.")
  @GetMapping("/api/v1/initiatives/{key}/value")
  ValueView value(@PathVariable String key, Authentication user) {
    return values.view(key, Actors.of(user));
  }

  @Operation(summary = "Read the portfolio's value",
      description = "Value and cost over every live initiative, by business unit and risk tier: JSON, or CSV with format=csv (or Accept: text/csv).")
  @ApiResponse(responseCode = "200", description = "The portfolio's value.", content = {
      @Content(mediaType = "application/json", schema = @Schema(implementation = PortfolioValue.class)),
      @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
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
