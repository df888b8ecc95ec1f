package io.runway.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle every engine in the comparison runs, per risk tier, as Runway's default policy
 * (ui-config/policy/lifecycle-policy.yaml) defines it: phases in order, the tasks of a phase open
 * together (security and legal review in parallel), each for a candidate group, go-live needing two
 * approvals. The integration gate also waits for its ticket to be resolved. Runway reads its own
 * policy; the raw-Temporal baseline and the Flowable model are written from this plan.
 */
public final class Plan {

  public record Task(String gate, String group, int approvals) {}

  private Plan() {}

  public static List<List<Task>> phases(String tier) {
    List<List<Task>> phases = new ArrayList<>();
    boolean high = "HIGH".equals(tier);
    boolean legal = high || "LIMITED".equals(tier);
    phases.add(legal
        ? List.of(new Task("SECURITY_REVIEW", "security", 1), new Task("LEGAL_REVIEW", "legal", 1))
        : List.of(new Task("SECURITY_REVIEW", "security", 1)));
    phases.add(List.of(new Task("DATA_READINESS", "data-engineering", 1)));
    phases.add(List.of(new Task("INTEGRATION", "engineering", 1)));
    phases.add(List.of(new Task("HITL_VALIDATION", "business-validation", 1)));
    if (high) {
      phases.add(List.of(new Task("GO_LIVE_DECISION", "governance-board", 2)));
    }
    phases.add(List.of(new Task("OPERATIONS_HANDOVER", "operations", 1)));
    return phases;
  }

  /** Human completions (approvals) one lifecycle of the tier takes, plus its ticket resolution. */
  static int humanSteps(String tier) {
    return phases(tier).stream().flatMap(List::stream).mapToInt(Task::approvals).sum() + 1;
  }
}
