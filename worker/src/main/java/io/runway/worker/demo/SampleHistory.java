package io.runway.worker.demo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runway.activities.projection.JdbcProjectionActivities;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.activity.PolicyActivities;
import io.runway.lifecycle.activity.ValueActivities;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.GateView;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.InitiativeSnapshot;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import io.runway.lifecycle.model.TimelineEntry;
import io.runway.lifecycle.policy.GatePolicy;
import io.runway.lifecycle.policy.LifecyclePolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The past of the demo: initiatives that went through their gates over the last weeks (time in
 * gate by team has real durations), a few stuck for weeks (the stall radar has something to show)
 * and one rejected. Workflows cannot be dated back, so these are read-model records only, written
 * through the projection the workflows use, under keys starting {@link Lifecycle#SAMPLE_HISTORY_KEY_PREFIX}:
 * no workflow runs behind them, the console says so and offers no action on them. Their gate
 * durations stay out of the app's metrics. The ones that went live have months of KPI and cost
 * figures (see {@link SampleValue}). Written once: a database that has them keeps them.
 */
@Component
@ConditionalOnProperty(name = "runway.demo.seed", havingValue = "true")
class SampleHistory {

  private static final Logger log = LoggerFactory.getLogger(SampleHistory.class);
  /** Reproducible: the same demo every time. */
  private static final long RANDOM_SEED = 2026;
  /** Median review time per team, in days: what the time-in-gate chart will roughly show. */
  private static final Map<String, Double> MEDIAN_DAYS = Map.of("security", 4.0, "legal", 7.0, "data-engineering", 3.0,
      "engineering", 9.0, "business-validation", 4.0, "governance-board", 3.0, "operations", 2.0);

  enum Outcome { LIVE, STALLED, REJECTED }

  /** The one live sample whose figures miss the target and overrun the budget: the portfolio's at-risk list. */
  static final String AT_RISK = "credit-risk";

  /** A past initiative: how it ended, at which gate it stopped (stalled, rejected), and how many days ago. */
  record Past(String slug, String name, String unit, RiskTier tier, Outcome outcome, String stopAt, int daysAgo) {}

  static final List<Past> PAST = List.of(
      new Past("claims-triage", "Claims triage", "claims", RiskTier.LIMITED, Outcome.LIVE, null, 6),
      new Past("kyc-screening", "KYC document screening", "compliance", RiskTier.HIGH, Outcome.LIVE, null, 12),
      new Past("demand-forecast", "Demand forecast", "supply-chain", RiskTier.MINIMAL, Outcome.LIVE, null, 40),
      new Past("call-summaries", "Call summaries", "customer-service", RiskTier.LIMITED, Outcome.LIVE, null, 21),
      new Past("invoice-matching", "Invoice matching", "finance", RiskTier.MINIMAL, Outcome.LIVE, null, 3),
      new Past("credit-risk", "Credit risk scoring", "lending", RiskTier.HIGH, Outcome.LIVE, null, 30),
      new Past("ticket-routing", "Ticket routing", "customer-service", RiskTier.MINIMAL, Outcome.LIVE, null, 15),
      new Past("fraud-rules", "Fraud rule tuning", "payments", RiskTier.LIMITED, Outcome.LIVE, null, 9),
      new Past("resume-screening", "Resume screening", "hr", RiskTier.HIGH, Outcome.STALLED, "LEGAL_REVIEW", 34),
      new Past("price-optimiser", "Price optimiser", "retail", RiskTier.LIMITED, Outcome.STALLED, "INTEGRATION", 22),
      new Past("churn-prediction", "Churn prediction", "marketing", RiskTier.MINIMAL, Outcome.STALLED, "DATA_READINESS", 19),
      new Past("customer-chatbot", "Customer chatbot", "customer-service", RiskTier.HIGH, Outcome.STALLED, "GO_LIVE_DECISION",
          27),
      new Past("face-match", "Face match onboarding", "onboarding", RiskTier.HIGH, Outcome.REJECTED, "SECURITY_REVIEW", 11));

  private final JdbcTemplate jdbc;
  private final PolicyActivities policies;
  /** The workflows' projection, with a registry of its own: sample durations are not Runway's metrics. */
  private final JdbcProjectionActivities projection;
  private final ValueActivities values;

  SampleHistory(JdbcTemplate jdbc, PlatformTransactionManager transactions, PolicyActivities policies,
      ValueActivities values) {
    this.jdbc = jdbc;
    this.policies = policies;
    this.projection = new JdbcProjectionActivities(jdbc, transactions, new SimpleMeterRegistry());
    this.values = values;
  }

  @EventListener(ApplicationReadyEvent.class)
  void write() {
    try {
      Integer present = jdbc.queryForObject("select count(*) from initiative where key like ?", Integer.class,
          Lifecycle.SAMPLE_HISTORY_KEY_PREFIX + "%");
      if (present != null && present > 0) {
        log.info("demo seed: {} past sample initiatives already in the read model", present);
        return;
      }
      LifecyclePolicy policy = policies.currentPolicy();
      Random random = new Random(RANDOM_SEED);
      Instant now = Instant.now();
      for (Past past : PAST) {
        InitiativeSnapshot snapshot = snapshot(past, policy, random, now);
        projection.project(snapshot);
        if (past.outcome() == Outcome.LIVE) {
          values.projectValue(SampleValue.of(snapshot.view(), past.slug().equals(AT_RISK), now));
        }
      }
      log.info("demo seed: {} past sample initiatives written to the read model (no workflows behind them)", PAST.size());
    } catch (RuntimeException e) {
      log.warn("demo seed: could not write the past sample initiatives: {}", e.getMessage());
    }
  }

  /** The initiative as the projection would have recorded it at its last step. */
  static InitiativeSnapshot snapshot(Past past, LifecyclePolicy policy, Random random, Instant now) {
    String key = Lifecycle.SAMPLE_HISTORY_KEY_PREFIX + past.slug();
    List<GatePolicy> gates = policy.tier(past.tier()).gates().stream()
        .sorted(Comparator.comparingInt(GatePolicy::phase).thenComparing(GatePolicy::gate)).toList();
    Map<Integer, List<GatePolicy>> phases = new TreeMap<>();
    gates.forEach(g -> phases.computeIfAbsent(g.phase(), p -> new ArrayList<>()).add(g));

    // laid out from time 0 (launch), then moved so the last step lies past.daysAgo() days back
    List<Step> steps = new ArrayList<>();
    Duration cursor = Duration.ofHours(6);
    Duration lastProgress = cursor;
    boolean stopped = false;
    for (List<GatePolicy> phase : phases.values()) {
      Duration phaseEnd = cursor;
      boolean rejectedInPhase = past.outcome() == Outcome.REJECTED
          && phase.stream().anyMatch(g -> g.gate().name().equals(past.stopAt()));
      for (GatePolicy gate : phase) {
        if (stopped) {
          steps.add(new Step(gate, GateStatus.PENDING, null, null));
          continue;
        }
        Duration took = reviewTime(gate.candidateGroup(), random);
        boolean stopsHere = gate.gate().name().equals(past.stopAt());
        if (rejectedInPhase && !stopsHere) {
          // the rejection ended the initiative while this review was still open
          steps.add(new Step(gate, GateStatus.CANCELLED, cursor, null));
          continue;
        }
        if (stopsHere && past.outcome() == Outcome.STALLED) {
          steps.add(new Step(gate, GateStatus.OPEN, cursor, null));
          lastProgress = max(lastProgress, cursor);
          continue;
        }
        GateStatus status = stopsHere ? GateStatus.REJECTED : GateStatus.APPROVED;
        steps.add(new Step(gate, status, cursor, cursor.plus(took)));
        phaseEnd = max(phaseEnd, cursor.plus(took));
        lastProgress = max(lastProgress, cursor.plus(took));
      }
      stopped = stopped || phase.stream().anyMatch(g -> g.gate().name().equals(past.stopAt()));
      cursor = phaseEnd;
    }
    Instant launchedAt = now.minus(Duration.ofDays(past.daysAgo())).minus(lastProgress);
    Stage stage = switch (past.outcome()) {
      case LIVE -> Stage.IN_PRODUCTION;
      case REJECTED -> Stage.REJECTED;
      case STALLED -> Stage.valueOf(past.stopAt());
    };
    return view(key, past, policy, stage, launchedAt, launchedAt.plus(lastProgress), steps);
  }

  private record Step(GatePolicy gate, GateStatus status, Duration opened, Duration decided) {}

  private static InitiativeSnapshot view(String key, Past past, LifecyclePolicy policy, Stage stage, Instant launchedAt,
      Instant lastProgressAt, List<Step> steps) {
    List<GateView> gates = new ArrayList<>();
    List<TaskView> tasks = new ArrayList<>();
    List<TimelineEntry> timeline = new ArrayList<>();
    timeline.add(new TimelineEntry(1, launchedAt, "LAUNCHED", null, "program-office-1", past.name() + SampleInitiatives.MARK));
    timeline.add(new TimelineEntry(2, launchedAt, "SAMPLE_DATA", null, null,
        "sample record written by the demo seed: no workflow runs behind it, so it takes no commands"));
    timeline.add(new TimelineEntry(3, launchedAt.plus(Duration.ofHours(6)), "INTAKE_ACCEPTED", null, null,
        "risk tier " + past.tier()));
    String outcome = null;
    for (Step step : steps) {
      GatePolicy gate = step.gate();
      Instant opened = step.opened() == null ? null : launchedAt.plus(step.opened());
      Instant decided = step.decided() == null ? null : launchedAt.plus(step.decided());
      List<String> deciders = new ArrayList<>();
      for (int n = 1; decided != null && n <= gate.requiredApprovals(); n++) {
        deciders.add(gate.candidateGroup() + "-" + n);
      }
      gates.add(new GateView(gate.gate(), step.status(), gate.candidateGroup(), opened == null ? 0 : 1, opened, decided,
          deciders, opened == null ? null : opened.plus(gate.sla()), null));
      if (opened != null) {
        timeline.add(new TimelineEntry(0, opened, "GATE_OPENED", gate.gate(), null,
            gate.gate() + " round 1 opened for " + gate.candidateGroup()));
      }
      if (decided != null) {
        boolean rejected = step.status() == GateStatus.REJECTED;
        String comment = rejected ? "biometric matching of this kind is not acceptable to us" : "meets the bar";
        timeline.add(new TimelineEntry(0, decided, rejected ? "GATE_REJECTED" : "GATE_APPROVED", gate.gate(),
            deciders.getLast(), rejected ? comment : gate.gate() + " approved by " + String.join(", ", deciders)));
        tasks.add(new TaskView(key + "." + gate.gate().slug() + ".1", key, gate.gate(), TaskKind.GATE_REVIEW, 1,
            gate.candidateGroup(), List.of(), TaskStatus.COMPLETED, deciders.getLast(), opened, opened.plus(gate.sla()),
            gate.requiredEvidence(), gate.requiredApprovals(), deciders, rejected ? Decision.REJECT : Decision.APPROVE,
            deciders.getLast(), comment, decided, 0, Map.of(), List.of(), null));
        if (rejected) {
          outcome = gate.gate() + " rejected by " + deciders.getLast() + ": " + comment;
        }
      }
    }
    if (stage == Stage.IN_PRODUCTION) {
      timeline.add(new TimelineEntry(0, lastProgressAt, "WENT_LIVE", null, null,
          "model " + key + "-model version 1 in production"));
    }
    if (stage == Stage.REJECTED) {
      timeline.add(new TimelineEntry(0, lastProgressAt, "REJECTED", null, null, outcome));
    }
    List<TimelineEntry> ordered = new ArrayList<>();
    timeline.stream().sorted(Comparator.comparing(TimelineEntry::at).thenComparingLong(TimelineEntry::seq))
        .forEach(e -> ordered.add(new TimelineEntry(ordered.size() + 1, e.at(), e.type(), e.gate(), e.actor(), e.detail())));
    InitiativeRequest request = new InitiativeRequest(key, past.name() + SampleInitiatives.MARK,
        "Sample: " + past.name().toLowerCase(java.util.Locale.ROOT) + " for the " + past.unit() + " team", past.unit(),
        past.tier(), new Owners("ana.business", "tom.technical", "olga.operations"), "sam.sponsor", List.of("internal"),
        List.of(new Kpi("cycle time", "hours", 24.0, 8.0)), new Budget(new BigDecimal("3000"), "EUR"), key + "-model", "1");
    InitiativeView view = new InitiativeView(key, Lifecycle.workflowId(key), request, past.tier(), stage, policy.version(),
        "program-office-1", launchedAt, lastProgressAt, stage == Stage.IN_PRODUCTION ? "1" : null, outcome, gates, tasks,
        List.of(), List.of());
    return new InitiativeSnapshot(ordered.size(), view, ordered);
  }

  /** Around the team's median, skewed as review times are (log-normal), never under two hours. */
  private static Duration reviewTime(String team, Random random) {
    double days = MEDIAN_DAYS.getOrDefault(team, 4.0) * Math.exp(random.nextGaussian() * 0.5);
    return Duration.ofMinutes(Math.max(120, Math.round(days * 24 * 60)));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
