package io.runway.worker.console;

import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.GateView;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskView;
import io.runway.lifecycle.model.TicketRef;
import io.runway.lifecycle.model.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** What the initiative page shows of each gate: who holds it, who decided, how long it took against its SLA. */
final class InitiativePage {

  record GateRow(
      String gate, String title, GateStatus status, String team, String assignee, List<String> decidedBy,
      String decidedAt, String timeInGate, String sla, String slaState, TicketRef ticket, int round) {}

  /** Timeline entries after which a wait on a vendor is over: it answered, an incident opened, or someone decided. */
  private static final List<String> WAIT_ENDS = List.of("VENDOR_ANSWERED", "INTEGRATION_INCIDENT", "INTEGRATION_ERROR",
      "INTEGRATION_RETRIED", "INTEGRATION_SKIPPED");

  private InitiativePage() {}

  /**
   * The wait on a failing system of record the initiative is in now, if any: the latest
   * WAITING_ON_VENDOR entry with nothing after it that ends the wait. Its detail says which vendor,
   * which call, which attempt of how many, and when the next one is.
   */
  static java.util.Optional<TimelineEntry> vendorWait(List<TimelineEntry> timeline) {
    TimelineEntry wait = null;
    for (TimelineEntry entry : timeline) {
      if ("WAITING_ON_VENDOR".equals(entry.type())) {
        wait = entry;
      } else if (WAIT_ENDS.contains(entry.type())) {
        wait = null;
      }
    }
    return java.util.Optional.ofNullable(wait);
  }

  /**
   * The view with nothing missing: rows written outside the workflow (seeding for benchmarks, tests)
   * may hold a partial view, and the page shows what there is rather than failing.
   */
  static InitiativeView complete(InitiativeView v, String key) {
    InitiativeRequest request = v.request() != null ? v.request()
        : new InitiativeRequest(key, null, null, null, v.riskTier(), null, null, null, null, null, null, null);
    return new InitiativeView(v.key() != null ? v.key() : key, v.workflowId(), request, v.riskTier(),
        v.stage() != null ? v.stage() : Stage.INTAKE, v.policyVersion(), v.launchedBy(), v.launchedAt(),
        v.lastProgressAt(), v.modelVersion(), v.outcomeReason(), orEmpty(v.gates()), orEmpty(v.tasks()),
        orEmpty(v.evidence()), orEmpty(v.crmRecords()));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  static List<GateRow> gates(InitiativeView view, GateForms forms, Instant now) {
    return view.gates().stream().map(g -> row(view, g, forms, now)).toList();
  }

  private static GateRow row(InitiativeView view, GateView g, GateForms forms, Instant now) {
    String assignee = view.tasks().stream()
        .filter(t -> t.gate() == g.gate() && t.kind() == TaskKind.GATE_REVIEW)
        .max(Comparator.comparingInt(TaskView::round))
        .map(TaskView::assignee)
        .orElse(null);
    boolean open = g.status() == GateStatus.OPEN || g.status() == GateStatus.CHANGES_REQUESTED;
    String timeInGate = g.openedAt() == null ? "" : SlaClock.span(Duration.between(g.openedAt(),
        g.decidedAt() != null && !open ? g.decidedAt() : now));
    String sla = "";
    String slaState = "none";
    if (g.dueAt() != null) {
      sla = "due " + SlaClock.WHEN.format(g.dueAt());
      if (open) {
        slaState = now.isAfter(g.dueAt()) ? "overdue" : "on-time";
        sla += now.isAfter(g.dueAt()) ? " (overdue)" : "";
      } else if (g.decidedAt() != null) {
        slaState = g.decidedAt().isAfter(g.dueAt()) ? "overdue" : "on-time";
        sla = g.decidedAt().isAfter(g.dueAt()) ? "missed (" + sla + ")" : "met (" + sla + ")";
      }
    }
    String title = forms.title(g.gate().name());
    return new GateRow(g.gate().name(), title, g.status(), g.candidateGroup(), open ? assignee : null,
        g.decidedBy() == null ? List.of() : g.decidedBy(),
        g.decidedAt() == null ? "" : SlaClock.WHEN.format(g.decidedAt()), timeInGate, sla, slaState, g.ticket(),
        g.round());
  }
}
