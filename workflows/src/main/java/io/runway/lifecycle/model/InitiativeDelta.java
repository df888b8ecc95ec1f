package io.runway.lifecycle.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed in an initiative's view between two projections: the view written at {@code fromSeq}
 * becomes the view at {@code seq} when the delta is applied to it ({@link #applyTo}). It replaces the
 * full {@link InitiativeSnapshot} after the first projection of a workflow run, so the history holds
 * each change once instead of the whole view after every change (issue 12).
 *
 * <p>What it carries: the small header (stage, tier, timestamps...) always; the request and the CRM
 * records only when they changed ({@code null}: as before); the gates that changed, and the gates'
 * order only when it changed (a reclassification adds or drops gates; {@code null}: as before); the
 * tasks and evidence that are new or changed, by id; and the timeline entries added since the
 * previous projection, as the snapshot does.
 *
 * <p><b>The rule the read model applies</b> (the projection activity's Javadoc says how): a delta
 * applies to a stored view whose sequence {@code s} satisfies {@code fromSeq <= s < seq}. Every entity
 * it carries is the entity's state at {@code seq}, and an entity it leaves out did not change after
 * {@code fromSeq}, so applying it to any such view gives the view at {@code seq}; {@code s >= seq} means
 * the delta is stale or a retry and changes nothing but the timeline (history, de-duplicated by its own
 * seq); {@code s < fromSeq}, or no stored view at all, is a gap (a read model restored from a backup, a
 * row deleted by hand) and the activity refuses it with {@link #GAP}, non-retryable: the workflow then
 * writes a full snapshot, which always applies. Per-entity versions are not needed because one
 * initiative's writes are serialized by the lock on its row and its {@code last_seq}.
 */
public record InitiativeDelta(
    long seq,
    long fromSeq,
    String key,
    String workflowId,
    InitiativeRequest request,
    RiskTier riskTier,
    Stage stage,
    String policyVersion,
    String launchedBy,
    Instant launchedAt,
    Instant lastProgressAt,
    String modelVersion,
    String outcomeReason,
    List<GateView> gates,
    List<Gate> gateOrder,
    List<TaskView> tasks,
    List<Evidence> evidence,
    List<String> crmRecords,
    List<TimelineEntry> newTimeline) {

  /** The failure type of a delta the read model cannot apply (see the class comment): send a snapshot. */
  public static final String GAP = "ProjectionGap";

  /**
   * The delta from {@code base} (written at {@code fromSeq}) to {@code now}, or empty when {@code now}
   * is not {@code base} with entities changed and added: a task or evidence gone or reordered, which
   * the lifecycle never does today; a snapshot covers it should it ever.
   */
  public static java.util.Optional<InitiativeDelta> between(long fromSeq, InitiativeView base, long seq, InitiativeView now,
      List<TimelineEntry> newTimeline) {
    if (!Objects.equals(base.key(), now.key()) || !Objects.equals(base.workflowId(), now.workflowId())) {
      return java.util.Optional.empty();
    }
    List<TaskView> tasks = changed(base.tasks(), now.tasks(), TaskView::id);
    List<Evidence> evidence = changed(base.evidence(), now.evidence(), Evidence::id);
    if (tasks == null || evidence == null) {
      return java.util.Optional.empty();
    }
    List<Gate> order = now.gates().stream().map(GateView::gate).toList();
    List<Gate> baseOrder = base.gates().stream().map(GateView::gate).toList();
    List<GateView> gates = now.gates().stream().filter(g -> !base.gates().contains(g)).toList();
    return java.util.Optional.of(new InitiativeDelta(seq, fromSeq, now.key(), now.workflowId(),
        Objects.equals(base.request(), now.request()) ? null : now.request(),
        now.riskTier(), now.stage(), now.policyVersion(), now.launchedBy(), now.launchedAt(), now.lastProgressAt(),
        now.modelVersion(), now.outcomeReason(), gates, order.equals(baseOrder) ? null : order, tasks, evidence,
        Objects.equals(base.crmRecords(), now.crmRecords()) ? null : now.crmRecords(), newTimeline));
  }

  /** The view at {@code seq}, given the view at a sequence from {@code fromSeq} up to {@code seq}. */
  public InitiativeView applyTo(InitiativeView base) {
    Map<Gate, GateView> gatesByName = new LinkedHashMap<>();
    orEmpty(base.gates()).forEach(g -> gatesByName.put(g.gate(), g));
    orEmpty(gates).forEach(g -> gatesByName.put(g.gate(), g));
    List<GateView> mergedGates = gateOrder == null
        ? List.copyOf(gatesByName.values())
        : gateOrder.stream().map(gatesByName::get).filter(Objects::nonNull).toList();
    return new InitiativeView(key, workflowId, request != null ? request : base.request(), riskTier, stage, policyVersion,
        launchedBy, launchedAt, lastProgressAt, modelVersion, outcomeReason, mergedGates,
        merged(base.tasks(), tasks, TaskView::id), merged(base.evidence(), evidence, Evidence::id),
        crmRecords != null ? crmRecords : orEmpty(base.crmRecords()));
  }

  /** Whether the gates' set or order changed: the read model drops the gates no longer listed. */
  public boolean reordersGates() {
    return gateOrder != null;
  }

  /** {@code now}'s entities not equal in {@code base}, or null when {@code now} does not extend {@code base} in order. */
  private static <T> List<T> changed(List<T> base, List<T> now, Function<T, String> id) {
    List<T> before = orEmpty(base);
    List<T> after = orEmpty(now);
    if (after.size() < before.size()) {
      return null;
    }
    List<T> changed = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      T entity = after.get(i);
      if (i < before.size()) {
        if (!Objects.equals(id.apply(before.get(i)), id.apply(entity))) {
          return null;
        }
        if (before.get(i).equals(entity)) {
          continue;
        }
      }
      changed.add(entity);
    }
    return List.copyOf(changed);
  }

  private static <T> List<T> merged(List<T> base, List<T> changes, Function<T, String> id) {
    Map<String, T> byId = new LinkedHashMap<>();
    orEmpty(base).forEach(e -> byId.put(id.apply(e), e));
    orEmpty(changes).forEach(e -> byId.put(id.apply(e), e));
    return List.copyOf(byId.values());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
