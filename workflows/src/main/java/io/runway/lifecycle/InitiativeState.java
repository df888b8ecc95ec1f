package io.runway.lifecycle;

import io.runway.lifecycle.model.Evidence;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.InitiativeSnapshot;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.ProductionEvent;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TimelineEntry;
import io.runway.lifecycle.policy.LifecyclePolicy;
import io.runway.lifecycle.policy.TierPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything an initiative's workflow knows, in one record-like object that continue-as-new carries.
 * Public fields keep it plain for Temporal's Jackson converter; behaviour lives in the workflow.
 * {@code seq} grows with every change and is what the projection is idempotent by.
 */
public class InitiativeState {
  public String workflowId;
  public InitiativeRequest request;
  public RiskTier riskTier;
  public Stage stage = Stage.INTAKE;
  public LifecyclePolicy policy;
  public String launchedBy;
  public Instant launchedAt;
  public Instant lastProgressAt;
  public String modelVersion;
  public String candidateModelVersion;
  public String outcomeReason;
  public Map<Gate, GateState> gates = new LinkedHashMap<>();
  public List<TaskState> tasks = new ArrayList<>();
  public List<Evidence> evidence = new ArrayList<>();
  public List<String> crmRecords = new ArrayList<>();
  public boolean intakeAccepted;
  public boolean inProduction;
  public Instant nextRecertificationAt;
  public List<ProductionEvent> pendingEvents = new ArrayList<>();
  public Set<String> seenEventIds = new LinkedHashSet<>();
  /** Tickets reported resolved before the workflow knew which gate they belong to. */
  public Set<String> resolvedTicketIds = new LinkedHashSet<>();
  public Stage endRequested;
  public String endReason;
  public String endActor;
  public long seq;
  public long timelineSeq;
  public List<TimelineEntry> pendingTimeline = new ArrayList<>();
  public int historyLimit;
  public ValueState value = new ValueState();

  public String modelVersion() {
    return modelVersion != null ? modelVersion
        : request.modelVersion() != null ? request.modelVersion() : "1";
  }

  public TierPolicy tierPolicy() {
    return policy.tier(riskTier);
  }

  /** Asks the lifecycle to end (retire or withdraw); the main run carries it out, closing tasks and tickets. */
  public void requestEnd(Stage end, String reason, String actor) {
    endRequested = end;
    endReason = reason;
    endActor = actor;
    changed(Gates.now(), end + "_REQUESTED", null, actor, reason);
  }

  public boolean ended() {
    return stage.isTerminal() || endRequested != null;
  }

  public Optional<TaskState> task(String taskId) {
    return tasks.stream().filter(t -> t.id.equals(taskId)).findFirst();
  }

  public List<TaskState> openTasks() {
    return tasks.stream().filter(TaskState::open).toList();
  }

  public GateState gate(Gate gate) {
    return gates.computeIfAbsent(gate, g -> {
      GateState state = new GateState();
      state.gate = g;
      return state;
    });
  }

  /** Records a change: the projection writes everything up to this sequence. */
  public void changed(Instant now, String type, Gate gate, String actor, String detail) {
    seq++;
    pendingTimeline.add(new TimelineEntry(++timelineSeq, now, type, gate, actor, detail));
    refreshStage();
  }

  /** A change people count as progress (a decision, a gate opened), which the stall radar measures from. */
  public void progressed(Instant now, String type, Gate gate, String actor, String detail) {
    lastProgressAt = now;
    changed(now, type, gate, actor, detail);
  }

  /** A change that adds no timeline line (a claim, an SLA level). */
  public void touched() {
    seq++;
  }

  void refreshStage() {
    if (stage.isTerminal() || !intakeAccepted) {
      return;
    }
    if (inProduction) {
      stage = Stage.IN_PRODUCTION;
      return;
    }
    gates.values().stream()
        .filter(GateState::active)
        .map(g -> g.gate)
        .min(Comparator.comparingInt(this::phaseOf).thenComparing(Comparator.naturalOrder()))
        .ifPresent(g -> stage = Stage.of(g));
  }

  private int phaseOf(Gate gate) {
    if (policy == null || riskTier == null || !policy.tiers().containsKey(riskTier)) {
      return gate.ordinal();
    }
    return tierPolicy().gate(gate).map(p -> p.phase()).orElse(Integer.MAX_VALUE);
  }

  public List<TimelineEntry> takeTimelineUpTo(long timelineSeqInclusive) {
    List<TimelineEntry> taken = pendingTimeline.stream().filter(e -> e.seq() <= timelineSeqInclusive).toList();
    pendingTimeline.removeAll(taken);
    return taken;
  }

  public InitiativeSnapshot snapshot() {
    return new InitiativeSnapshot(seq, view(), List.copyOf(pendingTimeline));
  }

  /** Lists the tier's gates (pending until they open) and drops pending gates the tier no longer requires. */
  public void alignGatesWithTier() {
    TierPolicy tier = tierPolicy();
    tier.gates().forEach(g -> gate(g.gate()));
    gates.values().removeIf(g -> g.status == GateStatus.PENDING && tier.gate(g.gate).isEmpty());
  }

  public InitiativeView view() {
    return new InitiativeView(request.key(), workflowId, request, riskTier, stage, policy == null ? null : policy.version(),
        launchedBy, launchedAt, lastProgressAt, modelVersion, outcomeReason,
        gates.values().stream().sorted(Comparator.comparingInt((GateState g) -> phaseOf(g.gate)).thenComparing(g -> g.gate))
            .map(GateState::view).toList(),
        tasks.stream().map(t -> t.view(request.key())).toList(),
        List.copyOf(evidence), List.copyOf(crmRecords));
  }
}
