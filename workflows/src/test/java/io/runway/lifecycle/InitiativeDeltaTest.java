package io.runway.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.model.Evidence;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.GateView;
import io.runway.lifecycle.model.InitiativeDelta;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link InitiativeDelta} on its own: what it carries, and that applying it to its base gives the later view. */
class InitiativeDeltaTest {

  private static final Instant T = Instant.parse("2026-11-02T09:00:00Z");

  static TaskView task(String id, TaskStatus status) {
    return new TaskView(id, "k", Gate.SECURITY_REVIEW, TaskKind.GATE_REVIEW, 1, "security", List.of(), status, null, T, T,
        List.of(), 1, List.of(), null, null, null, null, 0, Map.of(), List.of(), null, List.of(), Map.of(), false);
  }

  static GateView gate(Gate gate, GateStatus status) {
    return new GateView(gate, status, "g", 1, T, null, List.of(), T, null);
  }

  static InitiativeView view(RiskTier tier, Stage stage, List<GateView> gates, List<TaskView> tasks, List<Evidence> evidence) {
    return new InitiativeView("k", "initiative-k", Drive.request("k", RiskTier.HIGH), tier, stage, "p", "u", T, T, null, null,
        gates, tasks, evidence, List.of());
  }

  final InitiativeView base = view(RiskTier.HIGH, Stage.SECURITY_REVIEW,
      List.of(gate(Gate.SECURITY_REVIEW, GateStatus.OPEN), gate(Gate.LEGAL_REVIEW, GateStatus.OPEN),
          gate(Gate.HITL_VALIDATION, GateStatus.PENDING)),
      List.of(task("a", TaskStatus.OPEN), task("b", TaskStatus.OPEN)), List.of());

  @Test
  void carriesTheChangedAndNewEntitiesOnlyAndRebuildsTheLaterView() {
    Evidence evidence = new Evidence("e1", Gate.SECURITY_REVIEW, "threat-model", "tm", "https://x", "ab", "u", T);
    InitiativeView later = view(RiskTier.HIGH, Stage.LEGAL_REVIEW,
        List.of(gate(Gate.SECURITY_REVIEW, GateStatus.APPROVED), gate(Gate.LEGAL_REVIEW, GateStatus.OPEN),
            gate(Gate.HITL_VALIDATION, GateStatus.PENDING)),
        List.of(task("a", TaskStatus.COMPLETED), task("b", TaskStatus.OPEN), task("c", TaskStatus.OPEN)), List.of(evidence));

    InitiativeDelta delta = InitiativeDelta.between(3, base, 5, later, List.of()).orElseThrow();

    assertThat(delta.request()).isNull();
    assertThat(delta.crmRecords()).isNull();
    assertThat(delta.gateOrder()).isNull();
    assertThat(delta.gates()).extracting(GateView::gate).containsExactly(Gate.SECURITY_REVIEW);
    assertThat(delta.tasks()).extracting(TaskView::id).containsExactly("a", "c");
    assertThat(delta.evidence()).containsExactly(evidence);
    assertThat(delta.applyTo(base)).isEqualTo(later);
    assertThat(delta.applyTo(later)).as("applied again: nothing changes").isEqualTo(later);
  }

  @Test
  void aReclassificationSendsTheGatesOrderAndDropsTheGatesItNoLongerLists() {
    InitiativeView reclassified = view(RiskTier.LIMITED, Stage.SECURITY_REVIEW,
        List.of(gate(Gate.DATA_READINESS, GateStatus.PENDING), gate(Gate.SECURITY_REVIEW, GateStatus.OPEN)),
        base.tasks(), List.of());

    InitiativeDelta delta = InitiativeDelta.between(3, base, 4, reclassified, List.of()).orElseThrow();

    assertThat(delta.gateOrder()).containsExactly(Gate.DATA_READINESS, Gate.SECURITY_REVIEW);
    assertThat(delta.gates()).extracting(GateView::gate).containsExactly(Gate.DATA_READINESS);
    assertThat(delta.tasks()).isEmpty();
    assertThat(delta.applyTo(base)).isEqualTo(reclassified);
  }

  @Test
  void aViewThatLostOrReorderedTasksIsNoDelta() {
    InitiativeView lost = view(RiskTier.HIGH, Stage.SECURITY_REVIEW, base.gates(), List.of(task("a", TaskStatus.OPEN)), List.of());
    InitiativeView reordered = view(RiskTier.HIGH, Stage.SECURITY_REVIEW, base.gates(),
        List.of(task("b", TaskStatus.OPEN), task("a", TaskStatus.OPEN)), List.of());

    assertThat(InitiativeDelta.between(3, base, 4, lost, List.of())).isEmpty();
    assertThat(InitiativeDelta.between(3, base, 4, reordered, List.of())).isEmpty();
  }
}
