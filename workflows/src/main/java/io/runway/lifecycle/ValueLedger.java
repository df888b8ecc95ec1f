package io.runway.lifecycle;

import io.runway.lifecycle.model.Attainment;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.CostActualCommand;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.KpiActualCommand;
import io.runway.lifecycle.model.KpiSource;
import io.runway.lifecycle.model.Periods;
import io.runway.lifecycle.model.ServingState;
import io.runway.lifecycle.policy.ValueReviewPolicy;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Records KPI and cost actuals and decides when the numbers call for an early value review: a KPI
 * short of its target, or a run cost over budget times the policy's ratio, in enough consecutive
 * months recorded in production. A month that already opened an early review does not count again.
 */
final class ValueLedger {

  private final InitiativeState state;

  ValueLedger(InitiativeState state) {
    this.state = state;
  }

  KpiActual record(KpiActualCommand command, String recordedBy) {
    ValueState value = state.value;
    boolean pilot = !state.inProduction;
    KpiSource source = command.source() == null ? KpiSource.API : command.source();
    KpiActual actual = new KpiActual(value.nextEntrySeq(), command.kpi(), command.period(), command.value(), source,
        command.note(), pilot, recordedBy, Gates.now());
    value.pendingActuals.add(actual);
    value.dirty = true;
    boolean correction = false;
    if (!pilot) {
      TreeMap<String, Double> months = value.productionActuals.computeIfAbsent(command.kpi(), k -> new TreeMap<>());
      correction = months.put(command.period(), command.value()) != null;
      prune(months);
    }
    state.changed(Gates.now(), correction ? "KPI_ACTUAL_CORRECTED" : "KPI_ACTUAL_RECORDED", null, recordedBy,
        command.kpi() + " " + command.period() + ": " + command.value() + (pilot ? " (pilot figure)" : "") + " from " + source);
    if (!pilot) {
      kpi(command.kpi()).ifPresent(this::checkMisses);
    }
    return actual;
  }

  CostActual record(CostActualCommand command) {
    ValueState value = state.value;
    String user = command.actor().username();
    boolean pilot = !state.inProduction;
    CostActual cost = new CostActual(value.nextEntrySeq(), command.period(), command.amount(), command.currency(),
        command.breakdown(), command.note(), pilot, user, Gates.now());
    value.pendingCosts.add(cost);
    value.dirty = true;
    boolean correction = false;
    if (!pilot) {
      correction = value.productionCosts.put(command.period(), command.amount()) != null;
      prune(value.productionCosts);
    }
    state.changed(Gates.now(), correction ? "COST_ACTUAL_CORRECTED" : "COST_ACTUAL_RECORDED", null, user,
        command.period() + ": " + command.amount().toPlainString() + " " + command.currency() + (pilot ? " (pilot figure)" : ""));
    if (!pilot) {
      checkOverruns();
    }
    return cost;
  }

  /** Why the initiative is at risk now (current streaks, whether or not they already opened a review); empty if it is not. */
  List<String> riskReasons() {
    List<String> reasons = new ArrayList<>();
    policy().ifPresent(policy -> {
      for (Kpi kpi : state.request.kpis()) {
        List<String> missed = streak(state.value.productionActuals.get(kpi.name()), null, v -> Attainment.misses(kpi, v));
        if (missed.size() >= policy.earlyReviewAfterMissedPeriods()) {
          reasons.add(missedReason(kpi, missed));
        }
      }
      List<String> overrun = streak(state.value.productionCosts, null, this::overBudget);
      if (overrun.size() >= policy.earlyReviewAfterOverrunPeriods() && monthlyBudget() != null) {
        reasons.add(overrunReason(policy, overrun));
      }
    });
    if (state.value.serving != ServingState.SERVING) {
      reasons.add("paused by a value review (" + state.value.serving + ")");
    }
    return reasons;
  }

  /** The average attainment of the KPIs' latest production months (percent), or null when none has one. */
  Double latestAttainment() {
    List<Double> percents = new ArrayList<>();
    for (Kpi kpi : state.request.kpis()) {
      TreeMap<String, Double> months = state.value.productionActuals.get(kpi.name());
      if (months != null && !months.isEmpty()) {
        Double percent = Attainment.percent(kpi, months.lastEntry().getValue());
        if (percent != null) {
          percents.add(percent);
        }
      }
    }
    return percents.isEmpty() ? null
        : Math.round(percents.stream().mapToDouble(Double::doubleValue).average().orElse(0) * 10) / 10.0;
  }

  private void checkMisses(Kpi kpi) {
    policy().ifPresent(policy -> {
      List<String> missed = streak(state.value.productionActuals.get(kpi.name()),
          state.value.missesCountedThrough.get(kpi.name()), v -> Attainment.misses(kpi, v));
      if (missed.size() >= policy.earlyReviewAfterMissedPeriods()) {
        state.value.missesCountedThrough.put(kpi.name(), missed.getLast());
        earlyReview(missedReason(kpi, missed));
      }
    });
  }

  private void checkOverruns() {
    policy().ifPresent(policy -> {
      if (monthlyBudget() == null) {
        return;
      }
      List<String> overrun = streak(state.value.productionCosts, state.value.overrunsCountedThrough, this::overBudget);
      if (overrun.size() >= policy.earlyReviewAfterOverrunPeriods()) {
        state.value.overrunsCountedThrough = overrun.getLast();
        earlyReview(overrunReason(policy, overrun));
      }
    });
  }

  private void earlyReview(String reason) {
    ValueState value = state.value;
    if (value.openReviewTaskId != null) {
      state.changed(Gates.now(), "EARLY_VALUE_REVIEW_COVERED", Gate.VALUE_REVIEW, null, reason + "; review " + value.openReviewTaskId + " is open");
      return;
    }
    value.earlyReviewReason = value.earlyReviewReason == null ? reason : value.earlyReviewReason + "; " + reason;
    value.dirty = true;
    state.changed(Gates.now(), "EARLY_VALUE_REVIEW_DUE", Gate.VALUE_REVIEW, null, reason);
  }

  /**
   * The months, oldest first, of the run of consecutive months ending at the latest recorded one in
   * which {@code failing} holds, stopping at a gap, a month that passes, or {@code countedThrough}.
   */
  private static <V> List<String> streak(TreeMap<String, V> months, String countedThrough, java.util.function.Predicate<V> failing) {
    List<String> run = new ArrayList<>();
    if (months == null || months.isEmpty()) {
      return run;
    }
    YearMonth month = Periods.parse(months.lastKey());
    while (month != null) {
      String key = month.toString();
      V value = months.get(key);
      if (value == null || (countedThrough != null && key.compareTo(countedThrough) <= 0) || !failing.test(value)) {
        break;
      }
      run.addFirst(key);
      month = month.minusMonths(1);
    }
    return run;
  }

  private boolean overBudget(BigDecimal amount) {
    BigDecimal budget = monthlyBudget();
    return budget != null && policy().isPresent()
        && amount.compareTo(budget.multiply(BigDecimal.valueOf(policy().get().costOverrunRatio()))) > 0;
  }

  private BigDecimal monthlyBudget() {
    Budget budget = state.request.budget();
    return budget == null ? null : budget.monthlyCost();
  }

  private static String missedReason(Kpi kpi, List<String> months) {
    return "KPI '" + kpi.name() + "' missed its target " + kpi.target() + " in " + months.size() + " consecutive months ("
        + String.join(", ", months) + ")";
  }

  private String overrunReason(ValueReviewPolicy policy, List<String> months) {
    return "run cost exceeded " + policy.costOverrunRatio() + " x the monthly budget of " + monthlyBudget().toPlainString()
        + " " + state.request.budget().currency() + " in " + months.size() + " consecutive months (" + String.join(", ", months) + ")";
  }

  private Optional<Kpi> kpi(String name) {
    return state.request.kpis().stream().filter(k -> k.name().equals(name)).findFirst();
  }

  private Optional<ValueReviewPolicy> policy() {
    if (state.policy == null || state.riskTier == null || !state.policy.tiers().containsKey(state.riskTier)) {
      return Optional.empty();
    }
    return Optional.ofNullable(state.tierPolicy().valueReview());
  }

  private static void prune(Map<String, ?> months) {
    if (months instanceof TreeMap<String, ?> sorted) {
      while (sorted.size() > ValueState.MONTHS_KEPT) {
        sorted.pollFirstEntry();
      }
    }
  }
}
