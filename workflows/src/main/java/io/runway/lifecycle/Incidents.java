package io.runway.lifecycle;

import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.TaskKind;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.function.Supplier;

/**
 * Calls to systems of record that the initiative must not fail over. When a call's retries are
 * exhausted, from version 1 of {@link #INCIDENT_TASKS} an integration-incident task opens for
 * engineering and the caller (a gate, go-live) waits: RETRY calls the system again, SKIP goes on
 * without it, justified. Before that version the failure was only recorded on the timeline. From
 * {@link Integrations#VENDOR_WAITS} the retries before the incident are the workflow's own
 * ({@link VendorWaits}), each wait on the timeline.
 */
final class Incidents {

  static final String INCIDENT_TASKS = "integration-incident-tasks";

  private final InitiativeState state;
  private final Tasks tasks;
  private final Integrations systems;
  private final VendorWaits waits;
  private boolean opensTasks;

  Incidents(InitiativeState state, Tasks tasks, Integrations systems, VendorWaits waits) {
    this.state = state;
    this.tasks = tasks;
    this.systems = systems;
    this.waits = waits;
  }

  /** Read once, first thing in the run (see {@link Tickets#chooseVersions}). */
  void chooseVersion() {
    opensTasks = Workflow.getVersion(INCIDENT_TASKS, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  <T> Integrations.Attempt<T> call(String what, Gate gate, Supplier<T> call) {
    while (true) {
      Integrations.Attempt<T> attempt = systems.retriesInWorkflow() ? waits.call(what, gate, call) : Integrations.attempt(what, call);
      if (attempt.succeeded()) {
        return attempt;
      }
      state.changed(Gates.now(), "INTEGRATION_ERROR", gate, null, attempt.failure());
      if (!opensTasks || state.ended()) {
        return attempt;
      }
      TaskState incident = openIncident(gate, attempt.failure());
      Workflow.await(() -> !incident.open() || state.ended());
      if (incident.open()) {
        tasks.cancel(incident, "the initiative ended");
        return attempt;
      }
      if (incident.decision == Decision.SKIP) {
        state.progressed(Gates.now(), "INTEGRATION_SKIPPED", gate, incident.decidedBy, what + " skipped: " + incident.comment);
        return attempt;
      }
      state.changed(Gates.now(), "INTEGRATION_RETRIED", gate, incident.decidedBy, what);
    }
  }

  Integrations.Attempt<Void> call(String what, Gate gate, Runnable call) {
    return call(what, gate, () -> {
      call.run();
      return null;
    });
  }

  private TaskState openIncident(Gate gate, String failure) {
    int round = (int) state.tasks.stream().filter(t -> t.kind == TaskKind.INTEGRATION_INCIDENT && t.gate == gate).count() + 1;
    TaskState incident = tasks.open(TaskKind.INTEGRATION_INCIDENT, gate, round, Lifecycle.ENGINEERING, List.of(),
        state.policy.incidentSlaOrDefault());
    incident.findings = failure;
    state.progressed(Gates.now(), "INTEGRATION_INCIDENT", gate, null, incident.id + ": " + failure);
    return incident;
  }
}
