package io.runway.lifecycle;

import io.runway.lifecycle.activity.KpiMetricQuery;
import io.runway.lifecycle.activity.KpiReading;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.KpiActualCommand;
import io.runway.lifecycle.model.KpiSource;
import io.runway.lifecycle.model.Periods;
import io.runway.lifecycle.model.ServingState;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.ValueDecision;
import io.runway.lifecycle.model.ValueSnapshot;
import io.runway.lifecycle.model.ValueSummary;
import io.runway.lifecycle.policy.GatePolicy;
import io.runway.lifecycle.policy.ValueReviewPolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Value reviews in production: a review task on the policy's cadence from go-live, at once when the
 * ledger calls for an early one, and on a FIX's follow-up date; each decision does what it says
 * (PAUSE and resume through operations tasks, RETIRE through the retirement path). KPIs that name an
 * MLflow metric are read every month.
 *
 * <p>Versions: a run started on this code reads {@link #VALUE_REVIEWS} first thing. A run started
 * before (no marker) starts reviews at go-live ({@link #AT_GO_LIVE}) or, already in production, at
 * its first KPI or cost figure ({@link #ON_FIRST_FIGURE}); neither point exists in a recorded
 * history from before this change, so those histories replay unchanged.
 */
final class ValueReviews {

  static final String VALUE_REVIEWS = "value-reviews";
  static final String AT_GO_LIVE = "value-reviews-at-go-live";
  static final String ON_FIRST_FIGURE = "value-reviews-on-first-figure";

  private final InitiativeState state;
  private final Integrations systems;
  private final Tasks tasks;
  private final Records records;
  private final ValueLedger ledger;
  private final boolean released;
  private boolean enabled;
  private boolean running;

  ValueReviews(InitiativeState state, Integrations systems, Tasks tasks, Records records, ValueLedger ledger, boolean released) {
    this.released = released;
    this.state = state;
    this.systems = systems;
    this.tasks = tasks;
    this.records = records;
    this.ledger = ledger;
  }

  /** Read once, first thing in the run (see {@link Tickets#chooseVersions}). */
  void chooseVersion() {
    enabled = released && Workflow.getVersion(VALUE_REVIEWS, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  void wentLive() {
    state.value.wentLiveAt = Gates.now();
    if (!enabled && released) {
      enabled = Workflow.getVersion(AT_GO_LIVE, Workflow.DEFAULT_VERSION, 1) == 1;
    }
    start();
  }

  /** A KPI or cost figure was recorded: a run from before value reviews starts them now if it is in production. */
  void figureRecorded() {
    if (!enabled && released && state.inProduction && !state.ended()) {
      enabled = Workflow.getVersion(ON_FIRST_FIGURE, Workflow.DEFAULT_VERSION, 1) == 1;
      start();
    }
  }

  /** Starts the review cadence and the monthly MLflow reads, once per run, for an initiative in production. */
  void start() {
    if (!enabled || running || !state.inProduction || state.ended()) {
      return;
    }
    running = true;
    if (state.value.wentLiveAt == null) {
      // went live under earlier code: the handover's approval is when it went live
      GateState handover = state.gates.get(Gate.OPERATIONS_HANDOVER);
      state.value.wentLiveAt = handover != null && handover.decidedAt != null ? handover.decidedAt : Gates.now();
    }
    state.value.dirty = true;
    Async.procedure(this::reviewWhenDue);
    if (state.request.kpis().stream().anyMatch(k -> k.mlflow() != null)) {
      Async.procedure(this::readKpisMonthly);
    }
  }

  /** No review or operations task of value is open, so the run may continue as new. */
  boolean idle() {
    return state.value.openReviewTaskId == null && state.value.switchTaskId == null;
  }

  private void reviewWhenDue() {
    ValueState value = state.value;
    while (!state.ended()) {
      Optional<ValueReviewPolicy> policy = policy();
      if (policy.isEmpty()) {
        Workflow.await(() -> state.ended() || policy().isPresent());
        continue;
      }
      if (value.nextCadenceAt == null) {
        value.nextCadenceAt = value.wentLiveAt.plus(policy.get().firstAfter());
        value.dirty = true;
        state.changed(Gates.now(), "VALUE_REVIEW_SCHEDULED", Gate.VALUE_REVIEW, null, "first review due " + value.nextCadenceAt);
      }
      String occasion = dueOccasion(policy.get());
      if (occasion != null) {
        review(policy.get(), occasion);
        continue;
      }
      Duration wait = Duration.between(Gates.now(), value.nextReviewAt());
      Workflow.await(wait.isNegative() ? Duration.ZERO : wait,
          () -> state.ended() || value.earlyReviewReason != null || policy().isEmpty());
    }
  }

  /** Why a review is due now (and the schedule moved past it), or null when none is. */
  private String dueOccasion(ValueReviewPolicy policy) {
    ValueState value = state.value;
    Instant now = Gates.now();
    if (value.earlyReviewReason != null) {
      String reason = value.earlyReviewReason;
      value.earlyReviewReason = null;
      return "early review: " + reason;
    }
    if (value.followUpAt != null && !now.isBefore(value.followUpAt)) {
      value.followUpAt = null;
      return "follow-up of FIX " + value.latestDecision.taskId();
    }
    if (!now.isBefore(value.nextCadenceAt)) {
      while (!value.nextCadenceAt.isAfter(now)) {
        value.nextCadenceAt = value.nextCadenceAt.plus(policy.every());
      }
      return "scheduled review";
    }
    return null;
  }

  private void review(ValueReviewPolicy policy, String occasion) {
    ValueState value = state.value;
    value.reviews++;
    TaskState task = tasks.open(TaskKind.VALUE_REVIEW, Gate.VALUE_REVIEW, value.reviews, policy.candidateGroupOrDefault(),
        List.of(), policy.sla());
    task.findings = occasion;
    value.openReviewTaskId = task.id;
    value.dirty = true;
    state.progressed(Gates.now(), "VALUE_REVIEW_OPENED", Gate.VALUE_REVIEW, null,
        task.id + " for " + policy.candidateGroupOrDefault() + " (" + occasion + "), due " + task.dueAt);
    count("runway_value_reviews_opened", Map.of("occasion", occasion.substring(0, occasion.indexOf(' ') < 0 ? occasion.length()
        : occasion.indexOf(' '))));
    Workflow.await(() -> !task.open() || state.ended());
    if (!task.open() && task.decision != null) {
      decide(task, occasion);
    }
    value.openReviewTaskId = null;
    value.dirty = true;
  }

  private void decide(TaskState task, String occasion) {
    ValueState value = state.value;
    ValueDecision decision = new ValueDecision(value.nextEntrySeq(), task.id, occasion, task.decision, task.comment,
        task.followUpOn, task.decidedBy, task.completedAt);
    value.pendingDecisions.add(decision);
    value.latestDecision = decision;
    count("runway_value_decisions", Map.of("decision", task.decision.name()));
    String effect = switch (task.decision) {
      case CONTINUE, SCALE -> resume(task);
      case FIX -> {
        value.followUpAt = task.followUpOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        yield "follow-up review on " + task.followUpOn;
      }
      case PAUSE -> pause(task);
      case RETIRE -> {
        state.requestEnd(Stage.RETIRED, "value review " + task.id + ": " + task.comment, task.decidedBy);
        yield "retiring";
      }
      default -> "no effect";
    };
    state.progressed(Gates.now(), "VALUE_DECIDED", Gate.VALUE_REVIEW, task.decidedBy, task.decision + ": " + effect);
    if (task.decision != Decision.RETIRE) {
      records.upsertCrm();
    }
  }

  private String pause(TaskState review) {
    ValueState value = state.value;
    if (value.serving == ServingState.PAUSED || value.serving == ServingState.PAUSING) {
      return "already " + value.serving;
    }
    cancelSwitchTask("paused again by " + review.id);
    switchServing(TaskKind.SWITCH_OFF, ServingState.PAUSING, ServingState.PAUSED,
        "Stop serving " + state.request.key() + ": paused by value review " + review.id + " (" + review.comment + ")");
    return "operations switches it off";
  }

  private String resume(TaskState review) {
    ValueState value = state.value;
    if (value.serving == ServingState.PAUSING) {
      cancelSwitchTask("resumed by " + review.id + " before it was switched off");
      value.serving = ServingState.SERVING;
      return "resumed before it was switched off";
    }
    if (value.serving != ServingState.PAUSED) {
      return "keeps serving";
    }
    switchServing(TaskKind.SWITCH_ON, ServingState.RESUMING, ServingState.SERVING,
        "Serve " + state.request.key() + " again: resumed by value review " + review.id);
    return "operations switches it back on";
  }

  private void switchServing(TaskKind kind, ServingState meanwhile, ServingState then, String instruction) {
    ValueState value = state.value;
    int round = (int) state.tasks.stream().filter(t -> t.kind == kind).count() + 1;
    TaskState task = tasks.open(kind, Gate.VALUE_REVIEW, round, operationsGroup(), List.of(), state.policy.incidentSlaOrDefault());
    task.findings = instruction;
    value.serving = meanwhile;
    value.switchTaskId = task.id;
    value.dirty = true;
    state.progressed(Gates.now(), kind.name() + "_REQUESTED", Gate.VALUE_REVIEW, null, task.id + ": " + instruction);
    Async.procedure(() -> {
      Workflow.await(() -> !task.open() || state.ended());
      if (task.decision != null && task.id.equals(value.switchTaskId)) {
        value.serving = then;
        value.switchTaskId = null;
        value.dirty = true;
        state.progressed(Gates.now(), then == ServingState.PAUSED ? "SERVING_SWITCHED_OFF" : "SERVING_SWITCHED_ON",
            Gate.VALUE_REVIEW, task.decidedBy, task.id + (task.comment == null ? "" : ": " + task.comment));
      }
    });
  }

  private void cancelSwitchTask(String why) {
    ValueState value = state.value;
    if (value.switchTaskId != null) {
      state.task(value.switchTaskId).filter(TaskState::open).ifPresent(t -> tasks.cancel(t, why));
      value.switchTaskId = null;
    }
  }

  private String operationsGroup() {
    return state.tierPolicy().gate(Gate.OPERATIONS_HANDOVER).map(GatePolicy::candidateGroup).orElse(Lifecycle.OPERATIONS);
  }

  /** At the start of each month, the KPIs that name an MLflow metric are read for the month that ended. */
  private void readKpisMonthly() {
    while (!state.ended()) {
      YearMonth month = Periods.of(Gates.now());
      if (Workflow.await(Duration.between(Gates.now(), Periods.end(month)), state::ended)) {
        return;
      }
      for (Kpi kpi : state.request.kpis()) {
        if (kpi.mlflow() != null && !state.ended()) {
          read(kpi, month);
        }
      }
    }
  }

  private void read(Kpi kpi, YearMonth month) {
    KpiMetricQuery query = new KpiMetricQuery(state.request.key(), kpi.name(), kpi.mlflow(),
        Periods.start(month).toEpochMilli(), Periods.end(month).toEpochMilli());
    Integrations.Attempt<KpiReading> reading = Integrations.attempt("reading KPI '" + kpi.name() + "' for " + month
        + " from MLflow", () -> systems.mlops.readKpiMetric(query));
    if (!reading.succeeded()) {
      state.changed(Gates.now(), "INTEGRATION_ERROR", Gate.VALUE_REVIEW, null, reading.failure());
    } else if (reading.value() == null) {
      state.changed(Gates.now(), "KPI_METRIC_MISSING", Gate.VALUE_REVIEW, null,
          "MLflow has no value of " + kpi.mlflow().metric() + " logged in " + month + " for KPI '" + kpi.name() + "'");
    } else {
      ledger.record(new KpiActualCommand(null, kpi.name(), month.toString(), reading.value().value(), KpiSource.MLFLOW,
          "MLflow run " + reading.value().runId()), "mlflow");
    }
  }

  /** Projects the summary and the entries recorded since the last time, if anything changed. */
  void project() {
    ValueState value = state.value;
    if (!value.hasUnprojected()) {
      return;
    }
    var actuals = List.copyOf(value.pendingActuals);
    var costs = List.copyOf(value.pendingCosts);
    var decisions = List.copyOf(value.pendingDecisions);
    value.dirty = false;
    systems.value.projectValue(new ValueSnapshot(state.workflowId, state.seq, summary(), actuals, costs, decisions));
    value.pendingActuals.removeAll(actuals);
    value.pendingCosts.removeAll(costs);
    value.pendingDecisions.removeAll(decisions);
  }

  ValueSummary summary() {
    ValueState value = state.value;
    List<String> risks = ledger.riskReasons();
    String occasion = value.nextReviewAt() == null ? null
        : value.followUpAt != null && value.nextReviewAt().equals(value.followUpAt) ? "follow-up of FIX" : "scheduled review";
    return new ValueSummary(state.request.key(), value.wentLiveAt, running ? value.nextReviewAt() : null,
        running ? occasion : null, value.openReviewTaskId, value.serving, !risks.isEmpty(), risks,
        value.readinessExceptions, value.latestDecision);
  }

  private Optional<ValueReviewPolicy> policy() {
    return Optional.ofNullable(state.tierPolicy().valueReview());
  }

  /** Counted through the workflow's metrics scope, which records nothing while replaying. */
  private static void count(String name, Map<String, String> tags) {
    Workflow.getMetricsScope().tagged(tags).counter(name).inc(1);
  }
}
