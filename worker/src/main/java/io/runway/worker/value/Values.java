package io.runway.worker.value;

import io.runway.worker.portfolio.PortfolioFilter;
import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.CostActualCommand;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.KpiActualCommand;
import io.runway.lifecycle.model.KpiSource;
import io.runway.lifecycle.model.Periods;
import io.runway.lifecycle.model.ReadinessException;
import io.runway.lifecycle.model.ReadinessExceptionCommand;
import io.runway.lifecycle.model.ValueSummary;
import io.runway.worker.initiative.InitiativeDetail;
import io.runway.worker.initiative.Initiatives;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.value.ValueBodies.CostActualBody;
import io.runway.worker.value.ValueBodies.KpiActualBody;
import io.runway.worker.value.ValueBodies.ReadinessExceptionBody;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.ApiProblem.FieldProblem;
import io.runway.worker.web.TemporalCalls;
import io.temporal.client.WorkflowClient;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Value realization for the REST API and the console alike: recording KPI and cost actuals (the API
 * answers the quick refusals, the workflow's validators the rest), the value view, the portfolio's
 * value and data-readiness exceptions.
 */
@Service
public class Values {

  private final Initiatives initiatives;
  private final ValueReadModel readModel;
  private final PortfolioValues portfolio;
  private final WorkflowClient temporal;
  private final Validator validator;
  private final Clock clock = Clock.systemUTC();

  Values(Initiatives initiatives, ValueReadModel readModel, PortfolioValues portfolio, WorkflowClient temporal, Validator validator) {
    this.initiatives = initiatives;
    this.readModel = readModel;
    this.portfolio = portfolio;
    this.temporal = temporal;
    this.validator = validator;
  }

  public KpiActual recordKpiActual(String key, String kpi, String period, Double value, KpiSource source, String note, Actor actor) {
    KpiActualBody body = new KpiActualBody(kpi, period, value, source, note);
    AccessMatrix.KPI_ACTUALS.require(actor);
    validate(body);
    InitiativeView initiative = running(key, "KPI actuals");
    checkPeriod(period);
    if (!Double.isFinite(value)) {
      throw ApiProblem.invalid("value", "must be a finite number, got " + value);
    }
    KpiActualCommand command = new KpiActualCommand(actor, kpi, period, value, source == null ? KpiSource.API : source, note);
    return TemporalCalls.call(key, () -> workflow(initiative).recordKpiActual(command));
  }

  public CostActual recordCostActual(String key, String period, BigDecimal amount, String currency, Map<String, BigDecimal> breakdown,
      String note, Actor actor) {
    CostActualBody body = new CostActualBody(period, amount, currency, breakdown, note);
    AccessMatrix.COST_ACTUALS.require(actor);
    validate(body);
    InitiativeView initiative = running(key, "run costs");
    checkPeriod(period);
    Budget budget = initiative.request() == null ? null : initiative.request().budget();
    if (budget != null && budget.currency() != null && !budget.currency().equals(currency)) {
      throw ApiProblem.invalid("currency", "must be " + budget.currency() + ", the currency of " + key + "'s budget; got " + currency);
    }
    CostActualCommand command = new CostActualCommand(actor, period, amount, currency, breakdown, note);
    return TemporalCalls.call(key, () -> workflow(initiative).recordCostActual(command));
  }

  public ReadinessException requestReadinessException(String key, String justification, java.time.LocalDate expiresOn, Actor actor) {
    AccessMatrix.READINESS_EXCEPTION.require(actor);
    validate(new ReadinessExceptionBody(justification, expiresOn));
    InitiativeView initiative = running(key, "data-readiness exceptions");
    var command = new ReadinessExceptionCommand(actor, justification, expiresOn);
    return TemporalCalls.call(key, () -> workflow(initiative).requestReadinessException(command));
  }

  public ValueView view(String key, Actor actor) {
    AccessMatrix.VALUE.require(actor);
    InitiativeView initiative = find(key);
    String workflowId = Lifecycle.workflowId(key);
    return ValueViews.of(initiative, readModel.summary(workflowId), readModel.actuals(workflowId), readModel.costs(workflowId),
        readModel.decisions(workflowId));
  }

  /** The value summary for pages that show a part of it (exceptions, pilot figures); empty before any value was recorded. */
  public java.util.Optional<ValueSummary> summary(String key) {
    return readModel.summary(Lifecycle.workflowId(key));
  }

  public PortfolioValue portfolio(String businessUnit, String riskTier, Actor actor) {
    return portfolio(businessUnit, riskTier, PortfolioFilter.Samples.INCLUDE, actor);
  }

  /** {@code samples}: the demo seed's sample initiatives included (the default), left out, or alone. */
  public PortfolioValue portfolio(String businessUnit, String riskTier, PortfolioFilter.Samples samples, Actor actor) {
    AccessMatrix.PORTFOLIO_VALUE.require(actor);
    return portfolio.of(blankToNull(businessUnit), blankToNull(riskTier), samples);
  }

  public String portfolioCsv(String businessUnit, String riskTier, PortfolioFilter.Samples samples, Actor actor) {
    return PortfolioValueCsv.write(portfolio(businessUnit, riskTier, samples, actor));
  }

  /** The KPIs a person may record figures for, in the form's order. */
  public List<Kpi> kpis(String key) {
    InitiativeView view = find(key);
    return view.request() == null ? List.of() : view.request().kpis();
  }

  private InitiativeView find(String key) {
    return initiatives.find(key).map(InitiativeDetail::view)
        .orElseThrow(() -> ApiProblem.notFound("No initiative with key '" + key + "'."));
  }

  /** The initiative, if it still takes figures: an ended one is refused with its outcome. */
  private InitiativeView running(String key, String what) {
    InitiativeView view = find(key);
    if (view.stage() != null && view.stage().isTerminal()) {
      throw ApiProblem.conflict("Initiative '" + key + "' is " + view.stage()
          + (view.outcomeReason() == null ? "" : " (" + view.outcomeReason() + ")") + "; it takes no more " + what + ".");
    }
    return view;
  }

  private void checkPeriod(String period) {
    YearMonth month = Periods.parse(period);
    if (month == null) {
      throw ApiProblem.invalid("period", "must be a month written YYYY-MM (e.g. 2026-11), got '" + period + "'");
    }
    YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    if (month.isAfter(now)) {
      throw ApiProblem.invalid("period", period + " is in the future (this month is " + now + ")");
    }
  }

  private InitiativeWorkflow workflow(InitiativeView initiative) {
    return temporal.newWorkflowStub(InitiativeWorkflow.class, Lifecycle.workflowId(initiative.key()));
  }

  private void validate(Object body) {
    List<FieldProblem> problems = validator.validate(body).stream()
        .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
        .sorted(Comparator.comparing(FieldProblem::field)).toList();
    if (!problems.isEmpty()) {
      throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT,
          "Invalid values: " + String.join("; ", problems.stream().map(p -> p.field() + " " + p.message()).toList()), problems);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
