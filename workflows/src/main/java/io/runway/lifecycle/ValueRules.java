package io.runway.lifecycle;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.CostActualCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.KpiActualCommand;
import io.runway.lifecycle.model.Periods;
import io.runway.lifecycle.model.ReadinessException;
import io.runway.lifecycle.model.ReadinessExceptionCommand;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.policy.MetricBound;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of value commands, run by the update validators beside {@link TaskRules}: who may record
 * actuals, what a figure must look like, what a value decision needs, and the data-readiness
 * thresholds an approval must meet. Messages name the field and what to send instead.
 */
final class ValueRules {

  /** The longest a data-readiness exception may run. */
  static final int EXCEPTION_MAX_DAYS = 365;

  private ValueRules() {}

  static void checkKpiActual(InitiativeState state, KpiActualCommand command) {
    checkRecorder(state, command.actor(), "record KPI actuals");
    List<String> known = state.request.kpis().stream().map(Kpi::name).toList();
    if (command.kpi() == null || !known.contains(command.kpi())) {
      throw Refusal.invalid("kpi: '" + command.kpi() + "' is not a KPI of " + state.request.key() + "; its KPIs are " + known);
    }
    checkPeriod(command.period());
    if (command.value() == null || !Double.isFinite(command.value())) {
      throw Refusal.invalid("value: a finite number is required, got " + command.value());
    }
  }

  static void checkCostActual(InitiativeState state, CostActualCommand command) {
    checkRecorder(state, command.actor(), "record run costs");
    checkPeriod(command.period());
    if (command.amount() == null || command.amount().signum() < 0) {
      throw Refusal.invalid("amount: a number of 0 or more is required, got " + command.amount());
    }
    String budgetCurrency = state.request.budget() == null ? null : state.request.budget().currency();
    if (budgetCurrency == null) {
      throw Refusal.invalid("currency: " + state.request.key() + " has no budget currency to record costs against; amend its budget first");
    }
    if (!budgetCurrency.equals(command.currency())) {
      throw Refusal.invalid("currency: the budget of " + state.request.key() + " is in " + budgetCurrency + ", so costs must be too; got "
          + command.currency());
    }
    BigDecimal parts = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> part : command.breakdown().entrySet()) {
      if (part.getValue() == null || part.getValue().signum() < 0) {
        throw Refusal.invalid("breakdown." + part.getKey() + ": a number of 0 or more is required");
      }
      parts = parts.add(part.getValue());
    }
    if (parts.compareTo(command.amount()) > 0) {
      throw Refusal.invalid("breakdown: its parts add up to " + parts.toPlainString() + ", more than the amount " + command.amount().toPlainString());
    }
  }

  static void checkReadinessException(InitiativeState state, ReadinessExceptionCommand command) {
    TaskRules.checkNotEnded(state);
    Actor actor = command.actor();
    TaskRules.checkMayWrite(actor);
    GateState gate = state.gates.get(Gate.DATA_READINESS);
    boolean reviewer = gate != null && actor.isMemberOf(gate.candidateGroup);
    if (!reviewer && !actor.isMemberOf(Lifecycle.PROGRAM_OFFICE)) {
      throw Refusal.forbidden(actor.username() + " may not ask for a data-readiness exception: only the gate's reviewers and the program office can");
    }
    if (gate == null || gate.status != GateStatus.OPEN) {
      throw Refusal.conflict("data readiness of " + state.request.key() + " is " + (gate == null ? "not open" : gate.status)
          + "; an exception is asked for while its review is open");
    }
    state.value.readinessExceptions.stream()
        .filter(e -> e.status() == ReadinessException.Status.REQUESTED || e.status() == ReadinessException.Status.ACTIVE)
        .findFirst().ifPresent(e -> {
          throw Refusal.conflict("exception " + e.id() + " is already " + e.status() + " (until " + e.expiresOn() + ")");
        });
    if (command.justification() == null || command.justification().isBlank()) {
      throw Refusal.invalid("justification is required: say why the data may go on although it misses its bounds");
    }
    LocalDate today = LocalDate.ofInstant(Gates.now(), ZoneOffset.UTC);
    if (command.expiresOn() == null || !command.expiresOn().isAfter(today)
        || command.expiresOn().isAfter(today.plusDays(EXCEPTION_MAX_DAYS))) {
      throw Refusal.invalid("expiresOn: a date after " + today + " and at most " + EXCEPTION_MAX_DAYS + " days ahead is required, got "
          + command.expiresOn());
    }
  }

  /** The value-specific checks of a completion, after {@link TaskRules}' own. */
  static void checkCompletion(InitiativeState state, TaskState task, CompleteCommand command) {
    Decision decision = command.decision();
    if (task.kind == TaskKind.VALUE_REVIEW) {
      if (decision != Decision.CONTINUE && blank(command.comment())) {
        throw Refusal.invalid("comment is required with " + decision + ": say why (only CONTINUE goes without one)");
      }
      if (decision == Decision.FIX) {
        LocalDate today = LocalDate.ofInstant(Gates.now(), ZoneOffset.UTC);
        if (command.followUpOn() == null || !command.followUpOn().isAfter(today)) {
          throw Refusal.invalid("followUpOn is required with FIX: the date after " + today + " when the follow-up review opens, got "
              + command.followUpOn());
        }
      }
    }
    if (command.followUpOn() != null && decision != Decision.FIX) {
      throw Refusal.invalid("followUpOn applies only to a value review's FIX decision");
    }
    if (task.kind == TaskKind.GATE_REVIEW && task.gate == Gate.DATA_READINESS && decision == Decision.APPROVE) {
      checkThresholds(state, task, command);
    }
  }

  /** Value reviews and exception decisions: never an owner or an admin; an exception never by whoever asked for it. */
  static void checkMayDecide(InitiativeState state, TaskState task, Actor actor) {
    if (task.kind != TaskKind.VALUE_REVIEW && task.kind != TaskKind.READINESS_EXCEPTION) {
      return;
    }
    String user = actor.username();
    if (state.request.owners() != null && state.request.owners().includes(actor)) {
      throw Refusal.forbidden(user + " is an owner of " + state.request.key() + " and may not decide its " + task.kind);
    }
    if (actor.isMemberOf(Lifecycle.ADMIN)) {
      throw Refusal.forbidden(user + " is in group " + Lifecycle.ADMIN + ": admins manage Runway and never decide reviews");
    }
    if (task.kind == TaskKind.READINESS_EXCEPTION && ReadinessExceptions.forTask(state, task.id)
        .map(e -> user.equals(e.requestedBy())).orElse(false)) {
      throw Refusal.forbidden(user + " asked for this exception; a second person from the governance board must decide it");
    }
  }

  /**
   * APPROVE needs every bounded metric within its bound, unless an exception is active. A value the
   * MLOps system reported wins over one typed with the decision; a typed one fills only a gap.
   */
  static void checkThresholds(InitiativeState state, TaskState task, CompleteCommand command) {
    if (task.thresholds.isEmpty() || ReadinessExceptions.active(state).isPresent()) {
      return;
    }
    Map<String, Double> measured = new HashMap<>(command.metrics());
    measured.putAll(task.metrics);
    List<String> failures = task.thresholds.stream().map(b -> b.failure(measured.get(b.name()))).filter(Objects::nonNull).toList();
    if (!failures.isEmpty()) {
      throw Refusal.invalid("data readiness cannot be approved while metrics miss their bounds: " + String.join("; ", failures)
          + ". Request changes so the data is fixed and measured again, or ask the governance board for a time-limited exception.");
    }
  }

  private static void checkRecorder(InitiativeState state, Actor actor, String what) {
    if (actor == null || blank(actor.username())) {
      throw Refusal.forbidden("an authenticated user is required");
    }
    TaskRules.checkMayWrite(actor);
    boolean owner = state.request.owners() != null && state.request.owners().includes(actor);
    if (!owner && !actor.isMemberOf(Lifecycle.PROGRAM_OFFICE) && !actor.isMemberOf(Lifecycle.VALUE_FEED)) {
      throw Refusal.forbidden(actor.username() + " may not " + what + " for " + state.request.key()
          + ": only the program office, the initiative's owners and the " + Lifecycle.VALUE_FEED + " service role can");
    }
    if (state.ended()) {
      throw Refusal.conflict(state.request.key() + " is " + (state.endRequested != null ? state.endRequested : state.stage)
          + (state.outcomeReason == null ? "" : " (" + state.outcomeReason + ")") + "; it takes no more actuals");
    }
  }

  private static void checkPeriod(String period) {
    if (Periods.parse(period) == null) {
      throw Refusal.invalid("period: a month written YYYY-MM is required, got '" + period + "'");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
