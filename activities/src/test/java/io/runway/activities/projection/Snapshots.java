package io.runway.activities.projection;

import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Evidence;
import io.runway.lifecycle.model.Gate;
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
import io.runway.lifecycle.model.TicketRef;
import io.runway.lifecycle.model.TimelineEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A high-risk initiative at two points of its life: security and legal under review, then data readiness. */
final class Snapshots {

  static final String KEY = "fraud-scoring";
  static final String WORKFLOW_ID = "initiative-fraud-scoring";
  static final Instant LAUNCHED = Instant.parse("2026-11-23T09:00:00Z");

  private Snapshots() {}

  static InitiativeRequest request(RiskTier tier) {
    return new InitiativeRequest(KEY, "Fraud scoring", "Flag card payments for manual review", "Payments", tier,
        new Owners("alice", "bob", "carol"), "dave", List.of("financial"), List.of(new Kpi("false positives", "%", 12.0, 6.0)),
        new Budget(new BigDecimal("4200"), "EUR"), "fraud-model", "3");
  }

  /** Seq 4: security approved with a ticket, legal open, two review tasks. */
  static InitiativeSnapshot inReview(List<TimelineEntry> newTimeline) {
    List<GateView> gates = List.of(
        new GateView(Gate.SECURITY_REVIEW, GateStatus.APPROVED, "security", 1, at(1), at(30), List.of("erin"), at(361),
            new TicketRef("local", "RWY-1", "/api/v1/tickets/RWY-1")),
        new GateView(Gate.LEGAL_REVIEW, GateStatus.OPEN, "legal", 1, at(1), null, List.of(), at(481), null));
    List<TaskView> tasks = List.of(
        task("fraud-scoring.security-review.1", Gate.SECURITY_REVIEW, "security", TaskStatus.COMPLETED, Decision.APPROVE, "erin"),
        task("fraud-scoring.legal-review.1", Gate.LEGAL_REVIEW, "legal", TaskStatus.OPEN, null, null));
    List<Evidence> evidence = List.of(
        new Evidence("ev-1", Gate.SECURITY_REVIEW, "threat-model", "Threat model v2", "https://wiki.example/tm", "ab12", "bob", at(20)));
    return snapshot(4, Stage.SECURITY_REVIEW, RiskTier.HIGH, gates, tasks, evidence, newTimeline);
  }

  /** Seq 9: both reviews approved, data readiness open. */
  static InitiativeSnapshot inDataReadiness(List<TimelineEntry> newTimeline) {
    InitiativeSnapshot earlier = inReview(List.of());
    List<GateView> gates = List.of(earlier.view().gates().getFirst(),
        new GateView(Gate.LEGAL_REVIEW, GateStatus.APPROVED, "legal", 1, at(1), at(50), List.of("grace"), at(481), null),
        new GateView(Gate.DATA_READINESS, GateStatus.OPEN, "data-engineering", 1, at(50), null, List.of(), at(290), null));
    List<TaskView> tasks = List.of(earlier.view().tasks().getFirst(),
        task("fraud-scoring.legal-review.1", Gate.LEGAL_REVIEW, "legal", TaskStatus.COMPLETED, Decision.APPROVE, "grace"),
        task("fraud-scoring.data-readiness.1", Gate.DATA_READINESS, "data-engineering", TaskStatus.OPEN, null, null));
    return snapshot(9, Stage.DATA_READINESS, RiskTier.HIGH, gates, tasks, earlier.view().evidence(), newTimeline);
  }

  static InitiativeSnapshot snapshot(long seq, Stage stage, RiskTier tier, List<GateView> gates, List<TaskView> tasks,
      List<Evidence> evidence, List<TimelineEntry> newTimeline) {
    InitiativeView view = new InitiativeView(KEY, WORKFLOW_ID, request(tier), tier, stage, "2026.12-1", "paula",
        LAUNCHED, at(seq), "3", null, gates, tasks, evidence, List.of("CRM-fraud-scoring"));
    return new InitiativeSnapshot(seq, view, newTimeline);
  }

  static TaskView task(String id, Gate gate, String group, TaskStatus status, Decision decision, String decidedBy) {
    boolean done = status == TaskStatus.COMPLETED;
    return new TaskView(id, KEY, gate, TaskKind.GATE_REVIEW, 1, group, List.of(), status, decidedBy, at(1), at(241),
        List.of("threat-model", "pen-test-report"), 1, done ? List.of(decidedBy) : List.of(), decision, decidedBy,
        done ? "looks fine" : null, done ? at(30) : null, 0, Map.of("null_rate", 0.01), List.of(), null, List.of(), Map.of(), false);
  }

  static TimelineEntry entry(long seq, String type) {
    return new TimelineEntry(seq, at(seq), type, Gate.SECURITY_REVIEW, "erin", type + " " + seq);
  }

  /** Minutes after launch, so assertions read as a schedule. */
  static Instant at(long minutes) {
    return LAUNCHED.plusSeconds(60 * minutes);
  }
}
