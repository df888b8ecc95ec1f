package io.runway.activities.projection;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.Evidence;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateView;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.TaskView;
import io.runway.lifecycle.model.TicketRef;
import io.runway.lifecycle.model.TimelineEntry;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Gates, tasks, evidence and timeline of one initiative, each written as one JDBC batch. */
final class ChildRows {

  private static final String SELECT_GATES = "select gate, status, decided_at from gate where workflow_id = ?";

  private static final String DELETE_GATES_NOT_IN_VIEW = "delete from gate where workflow_id = ? and gate <> all(?)";

  private static final String UPSERT_GATE = """
      insert into gate (workflow_id, gate, status, candidate_group, round, opened_at, decided_at, decided_by,
          due_at, ticket_system, ticket_id, ticket_url)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      on conflict (workflow_id, gate) do update set
          status = excluded.status, candidate_group = excluded.candidate_group, round = excluded.round,
          opened_at = excluded.opened_at, decided_at = excluded.decided_at, decided_by = excluded.decided_by,
          due_at = excluded.due_at, ticket_system = excluded.ticket_system, ticket_id = excluded.ticket_id,
          ticket_url = excluded.ticket_url""";

  // Rewriting unchanged tasks would only bloat the inbox index with dead tuples, hence the WHERE.
  private static final String UPSERT_TASK = """
      insert into task (id, workflow_id, initiative_key, gate, kind, round, candidate_group, candidate_users,
          status, assignee, risk_tier, created_at, due_at, completed_at, decision, decided_by, escalation_level,
          required_evidence, view)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
      on conflict (id) do update set
          gate = excluded.gate, kind = excluded.kind, round = excluded.round,
          candidate_group = excluded.candidate_group, candidate_users = excluded.candidate_users,
          status = excluded.status, assignee = excluded.assignee, risk_tier = excluded.risk_tier,
          created_at = excluded.created_at, due_at = excluded.due_at, completed_at = excluded.completed_at,
          decision = excluded.decision, decided_by = excluded.decided_by,
          escalation_level = excluded.escalation_level, required_evidence = excluded.required_evidence,
          view = excluded.view
      where task.view is distinct from excluded.view or task.risk_tier is distinct from excluded.risk_tier""";

  private static final String UPSERT_EVIDENCE = """
      insert into evidence (workflow_id, id, gate, kind, title, uri, sha256, added_by, added_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?)
      on conflict (workflow_id, id) do update set
          gate = excluded.gate, kind = excluded.kind, title = excluded.title, uri = excluded.uri,
          sha256 = excluded.sha256, added_by = excluded.added_by, added_at = excluded.added_at""";

  private static final String INSERT_TIMELINE = """
      insert into timeline (workflow_id, seq, at, type, gate, actor, detail) values (?, ?, ?, ?, ?, ?, ?)
      on conflict (workflow_id, seq) do nothing""";

  private final JdbcTemplate jdbc;

  ChildRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The gate table mirrors the view: a gate the view no longer shows (reclassified away) goes.
   * Returns the gates this write decided, compared with the rows it replaces; the caller holds the
   * initiative row's lock, so no concurrent snapshot of the same workflow can claim the same decision.
   */
  List<GateView> gates(String workflowId, List<GateView> gates) {
    return gates(workflowId, gates, gates.stream().map(GateView::gate).toList());
  }

  /**
   * Upserts {@code changed} and, unless {@code kept} is null, deletes the gates it does not list: how a
   * delta writes the gates that changed. Returns the gates this write decided, as {@link #gates(String, List)}.
   */
  List<GateView> gates(String workflowId, List<GateView> changed, List<Gate> kept) {
    Map<String, GateDurations.StoredGate> before = new HashMap<>();
    jdbc.query(SELECT_GATES, rs -> {
      Timestamp decidedAt = rs.getTimestamp("decided_at");
      before.put(rs.getString("gate"), new GateDurations.StoredGate(rs.getString("status"),
          decidedAt == null ? null : decidedAt.toInstant()));
    }, workflowId);
    if (kept != null) {
      List<String> names = kept.stream().map(Gate::name).toList();
      jdbc.update(DELETE_GATES_NOT_IN_VIEW, ps -> new Binder(ps).text(workflowId).textArray(names));
    }
    batch(UPSERT_GATE, changed, (b, gate) -> {
      TicketRef ticket = gate.ticket();
      b.text(workflowId).name(gate.gate()).name(gate.status()).text(gate.candidateGroup()).integer(gate.round())
          .instant(gate.openedAt()).instant(gate.decidedAt()).textArray(gate.decidedBy()).instant(gate.dueAt())
          .text(ticket == null ? null : ticket.system())
          .text(ticket == null ? null : ticket.id())
          .text(ticket == null ? null : ticket.url());
    });
    return changed.stream().filter(g -> GateDurations.newlyDecided(g, before.get(g.gate().name()))).toList();
  }

  void tasks(String workflowId, RiskTier riskTier, List<TaskView> tasks) {
    batch(UPSERT_TASK, tasks, (b, task) -> b
        .text(task.id()).text(workflowId).text(task.initiativeKey()).name(task.gate()).name(task.kind())
        .integer(task.round()).text(task.candidateGroup()).textArray(inboxNames(task.candidateUsers())).name(task.status())
        .text(task.assignee()).name(riskTier).instant(task.createdAt()).instant(task.dueAt())
        .instant(task.completedAt()).name(task.decision()).text(task.decidedBy()).integer(task.escalationLevel())
        .textArray(task.requiredEvidence()).json(task));
  }

  /**
   * Candidate users as the inbox looks them up: trimmed and case-folded (an owner typed as
   * " Ana@ACME.example" is found by the user whose e-mail that is), in the task's view as typed.
   */
  private static List<String> inboxNames(List<String> candidateUsers) {
    return candidateUsers == null ? List.of()
        : candidateUsers.stream().map(Actor::normalized).filter(java.util.Objects::nonNull).distinct().toList();
  }

  void evidence(String workflowId, List<Evidence> evidence) {
    batch(UPSERT_EVIDENCE, evidence, (b, e) -> b
        .text(workflowId).text(e.id()).name(e.gate()).text(e.kind()).text(e.title()).text(e.uri())
        .text(e.sha256()).text(e.addedBy()).instant(e.addedAt()));
  }

  void timeline(String workflowId, List<TimelineEntry> entries) {
    batch(INSERT_TIMELINE, entries, (b, entry) -> b
        .text(workflowId).bigint(entry.seq()).instant(entry.at()).text(entry.type()).name(entry.gate())
        .text(entry.actor()).text(entry.detail()));
  }

  private <T> void batch(String sql, List<T> rows, RowBinding<T> binding) {
    if (rows == null || rows.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(sql, rows, rows.size(), (ps, row) -> binding.bind(new Binder(ps), row));
  }

  @FunctionalInterface
  private interface RowBinding<T> {
    void bind(Binder binder, T row) throws SQLException;
  }
}
