package io.runway.worker.console;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Evidence;
import io.runway.lifecycle.model.Identities;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.TaskView;
import io.runway.worker.initiative.InitiativeDetail;
import io.runway.worker.initiative.Initiatives;
import io.runway.worker.task.Tasks;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Builds what the inbox shows for one task: its form from ui-config, its evidence, its SLA clock. */
@Component
class TaskPanels {

  /** A required evidence kind, with what is already on file for the task's gate (null if nothing). */
  record EvidenceRow(String kind, String label, String help, Evidence onFile) {}

  /** A task row of the list, with the name of its initiative (its key when the read model has no name). */
  record Row(TaskView task, String title, String initiativeName, SlaClock sla) {}

  /**
   * {@code claimRefusal}: why the workflow would refuse the person's claim of an unclaimed task (null
   * if it would accept it), so the panel offers the claim button only to someone who could decide.
   */
  record Panel(
      TaskView task, String title, String initiativeName, GateForms.Form form, List<EvidenceRow> evidence,
      List<Decision> decisions, SlaClock sla, boolean mine, String claimRefusal, List<String> errors,
      Map<String, String> values, List<String> missingItems, List<ThresholdRow> thresholds,
      io.runway.worker.value.ValueView value) {}

  /** A bounded metric of the task against its bound, as measured so far. */
  record ThresholdRow(String metric, String value, String bound, boolean passes) {}

  private final GateForms forms;
  private final Initiatives initiatives;
  private final Tasks tasks;
  private final io.runway.worker.value.Values valueOf;
  private final Clock clock = Clock.systemUTC();

  TaskPanels(GateForms forms, Initiatives initiatives, Tasks tasks, io.runway.worker.value.Values valueOf) {
    this.forms = forms;
    this.initiatives = initiatives;
    this.tasks = tasks;
    this.valueOf = valueOf;
  }

  /** The rows of the list, with their initiatives' names read in one query. */
  List<Row> rows(List<TaskView> list) {
    Map<String, String> names = initiatives.names(list.stream().map(TaskView::initiativeKey).collect(Collectors.toSet()));
    return list.stream()
        .map(task -> new Row(task, title(task), names.getOrDefault(task.initiativeKey(), task.initiativeKey()),
            SlaClock.of(task, clock.instant())))
        .toList();
  }

  String title(TaskView task) {
    return forms.formFor(task).title();
  }

  Panel panel(TaskView task, Actor me, List<String> errors, Map<String, String> values) {
    Optional<InitiativeView> initiative = initiatives.find(task.initiativeKey()).map(InitiativeDetail::view);
    List<Evidence> onFile = forTask(initiative.map(InitiativeView::evidence).orElse(List.of()), task);
    List<EvidenceRow> rows = Completion.requiredEvidence(task).stream()
        .map(kind -> new EvidenceRow(kind, forms.evidenceKind(kind).label(), forms.evidenceKind(kind).help(),
            onFile.stream().filter(e -> e.kind().equals(kind)).reduce((a, b) -> b).orElse(null)))
        .toList();
    GateForms.Form form = forms.formFor(task);
    // rows written outside the workflow (seeding, benchmarks) may carry a partial view: fall back to the key
    String name = initiative.map(InitiativeView::request).map(r -> r.name()).orElse(task.initiativeKey());
    String claimRefusal = task.assignee() == null ? tasks.claimRefusal(task.id(), me).orElse(null) : null;
    return new Panel(task, form.title(), name, form,
        rows, Completion.decisionsFor(task.kind()), SlaClock.of(task, clock.instant()),
        Identities.same(me.username(), task.assignee()), claimRefusal, errors, values,
        task.missingItems() == null ? List.of() : task.missingItems(), thresholds(task), value(task, me));
  }

  private static List<ThresholdRow> thresholds(TaskView task) {
    return task.thresholds().stream().map(b -> {
      Double measured = task.metrics() == null ? null : task.metrics().get(b.name());
      return new ThresholdRow(b.name(), measured == null ? "not measured" : ValueCharts.number(measured), b.describe(), b.passes(measured));
    }).toList();
  }

  /**
   * The value view where it informs the decision: a value review, the go-live decision and the
   * handover (pilot figures against the targets), data readiness and its exceptions.
   */
  private io.runway.worker.value.ValueView value(TaskView task, Actor me) {
    boolean informs = task.kind() == io.runway.lifecycle.model.TaskKind.VALUE_REVIEW
        || task.kind() == io.runway.lifecycle.model.TaskKind.READINESS_EXCEPTION
        || task.gate() == io.runway.lifecycle.model.Gate.GO_LIVE_DECISION
        || task.gate() == io.runway.lifecycle.model.Gate.OPERATIONS_HANDOVER
        || task.gate() == io.runway.lifecycle.model.Gate.DATA_READINESS;
    if (!informs) {
      return null;
    }
    try {
      return valueOf.view(task.initiativeKey(), me);
    } catch (io.runway.worker.web.ApiProblem notShown) {
      return null;
    }
  }

  Set<String> kindsOnFile(TaskView task) {
    List<Evidence> evidence = initiatives.find(task.initiativeKey()).map(d -> d.view().evidence()).orElse(List.of());
    return forTask(evidence, task).stream().map(Evidence::kind).collect(Collectors.toSet());
  }

  /** The initiative's evidence that counts for the task: its gate's, and evidence for no gate in particular. */
  private static List<Evidence> forTask(List<Evidence> evidence, TaskView task) {
    return evidence.stream().filter(e -> e.gate() == null || e.gate() == task.gate()).toList();
  }

  GateForms.Form form(TaskView task) {
    return forms.formFor(task);
  }

  GateForms forms() {
    return forms;
  }
}
