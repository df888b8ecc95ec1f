package io.runway.lifecycle;

import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.ReadinessException;
import io.runway.lifecycle.model.ServingState;
import io.runway.lifecycle.model.ValueDecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What drives value decisions, carried by continue-as-new inside {@link InitiativeState}: the review
 * schedule, whether the initiative is served, the recent production months that early reviews count,
 * data-readiness exceptions, and the entries not yet projected. The full history of actuals lives in
 * the read model only, so the state stays small however long the initiative runs.
 */
public class ValueState {
  /** Production months kept per KPI and for costs: more than any early-review streak needs. */
  static final int MONTHS_KEPT = 24;

  public Instant wentLiveAt;
  public Instant nextCadenceAt;
  public Instant followUpAt;
  public String earlyReviewReason;
  public String openReviewTaskId;
  public int reviews;
  public ServingState serving = ServingState.SERVING;
  public String switchTaskId;
  /** KPI name -> month -> value, for months whose actual was recorded in production. */
  public Map<String, TreeMap<String, Double>> productionActuals = new LinkedHashMap<>();
  /** Month -> run cost, for months whose cost was recorded in production. */
  public TreeMap<String, BigDecimal> productionCosts = new TreeMap<>();
  /** KPI name -> the last month that already opened an early review: a streak counts only later months. */
  public Map<String, String> missesCountedThrough = new LinkedHashMap<>();
  public String overrunsCountedThrough;
  public List<ReadinessException> readinessExceptions = new ArrayList<>();
  public ValueDecision latestDecision;
  public long entrySeq;
  public List<KpiActual> pendingActuals = new ArrayList<>();
  public List<CostActual> pendingCosts = new ArrayList<>();
  public List<ValueDecision> pendingDecisions = new ArrayList<>();
  /** The summary changed since it was last projected. */
  public boolean dirty;

  long nextEntrySeq() {
    return ++entrySeq;
  }

  boolean hasUnprojected() {
    return dirty || !pendingActuals.isEmpty() || !pendingCosts.isEmpty() || !pendingDecisions.isEmpty();
  }

  /** The earliest scheduled review (regular or FIX follow-up), or null. */
  Instant nextReviewAt() {
    if (nextCadenceAt == null) {
      return followUpAt;
    }
    return followUpAt == null || nextCadenceAt.isBefore(followUpAt) ? nextCadenceAt : followUpAt;
  }
}
