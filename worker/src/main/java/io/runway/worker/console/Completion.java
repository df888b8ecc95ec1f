package io.runway.worker.console;

import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskView;
import io.runway.worker.task.Tasks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * A submitted completion form: decision, comment, evidence per required kind ({@code ev.<kind>.*}),
 * checklist ticks ({@code check.<n>}), measurements ({@code metric.<name>}) and intake amendments
 * ({@code amend.<field>}). {@link #problems} repeats the checks the browser made before submit, for a
 * browser that skipped them; the workflow checks everything again.
 */
record Completion(
    Decision decision, String comment, List<Tasks.Evidence> evidence, Set<String> reviewedKinds,
    int checkedItems, Map<String, Double> metrics, InitiativeRequest amendment, java.time.LocalDate followUpOn,
    List<String> parseProblems) {

  static List<Decision> decisionsFor(TaskKind kind) {
    if (kind == null) {
      return List.of(Decision.SUBMIT);
    }
    return switch (kind) {
      case GATE_REVIEW -> List.of(Decision.APPROVE, Decision.REQUEST_CHANGES, Decision.REJECT);
      case INTEGRATION_INCIDENT -> List.of(Decision.RETRY, Decision.SKIP);
      case VALUE_REVIEW -> List.of(Decision.CONTINUE, Decision.SCALE, Decision.FIX, Decision.PAUSE, Decision.RETIRE);
      case READINESS_EXCEPTION -> List.of(Decision.APPROVE, Decision.REJECT);
      default -> List.of(Decision.SUBMIT);
    };
  }

  static Completion read(MultiValueMap<String, String> params, TaskView task, GateForms.Form form) {
    List<String> problems = new ArrayList<>();
    Decision decision = null;
    String decisionText = params.getFirst("decision");
    if (decisionText != null && !decisionText.isBlank()) {
      try {
        decision = Decision.valueOf(decisionText);
      } catch (IllegalArgumentException e) {
        problems.add("Decision '" + decisionText + "' is not one of " + decisionsFor(task.kind()) + ".");
      }
    }
    List<Tasks.Evidence> evidence = new ArrayList<>();
    Set<String> reviewed = new java.util.LinkedHashSet<>();
    for (String kind : requiredEvidence(task)) {
      String uri = trimmed(params.getFirst("ev." + kind + ".uri"));
      if ("on".equals(params.getFirst("ev." + kind + ".reviewed"))) {
        reviewed.add(kind);
      }
      if (uri != null) {
        evidence.add(new Tasks.Evidence(kind, kind, uri, trimmed(params.getFirst("ev." + kind + ".sha256"))));
      }
    }
    String extraUri = trimmed(params.getFirst("ev.extra.uri"));
    if (extraUri != null) {
      String kind = trimmed(params.getFirst("ev.extra.kind"));
      evidence.add(new Tasks.Evidence(kind == null ? "supporting-document" : kind, kind == null ? "supporting document" : kind,
          extraUri, trimmed(params.getFirst("ev.extra.sha256"))));
    }
    int checked = 0;
    for (int i = 0; i < form.checklist().size(); i++) {
      checked += "on".equals(params.getFirst("check." + i)) ? 1 : 0;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (GateForms.Field field : form.fields()) {
      String value = trimmed(params.getFirst("metric." + field.name()));
      if (value != null) {
        try {
          metrics.put(field.name(), Double.valueOf(value));
        } catch (NumberFormatException e) {
          problems.add(field.label() + ": '" + value + "' is not a number.");
        }
      }
    }
    java.time.LocalDate followUpOn = null;
    String followUp = trimmed(params.getFirst("followUpOn"));
    if (followUp != null && decision == Decision.FIX) {
      try {
        followUpOn = java.time.LocalDate.parse(followUp);
      } catch (java.time.format.DateTimeParseException e) {
        problems.add("Follow-up date: '" + followUp + "' is not a date (YYYY-MM-DD).");
      }
    }
    return new Completion(decision, trimmed(params.getFirst("comment")), evidence, reviewed, checked, metrics,
        amendment(params, task, problems), followUpOn, problems);
  }

  /** What stops this completion before it reaches the workflow; evidence already on file counts. */
  List<String> problems(TaskView task, GateForms.Form form, Set<String> kindsOnFile, GateForms forms) {
    List<String> problems = new ArrayList<>(parseProblems);
    if (decision == null) {
      problems.add("Choose a decision: one of " + decisionsFor(task.kind()) + ".");
      return problems;
    }
    if (decision == Decision.APPROVE) {
      for (String kind : requiredEvidence(task)) {
        boolean supplied = evidence.stream().anyMatch(e -> e.kind().equals(kind));
        if (!kindsOnFile.contains(kind) && (!supplied || !reviewedKinds.contains(kind))) {
          problems.add(forms.evidenceKind(kind).label() + ": link it and tick that you reviewed it before approving.");
        }
      }
      if (checkedItems < form.checklist().size()) {
        problems.add("Confirm every checklist item before approving.");
      }
    }
    boolean valueReview = task.kind() == io.runway.lifecycle.model.TaskKind.VALUE_REVIEW;
    if (valueReview && decision == Decision.FIX && followUpOn == null && parseProblems.isEmpty()) {
      problems.add("Follow-up date: FIX needs the day the follow-up review opens.");
    }
    boolean commentRequired = decision == Decision.REQUEST_CHANGES || decision == Decision.REJECT
        || decision == Decision.SKIP || (valueReview && decision != Decision.CONTINUE);
    if (commentRequired && comment == null) {
      problems.add("Comment: say what must change, why it is rejected, or why the call is skipped.");
    }
    return problems;
  }

  private static InitiativeRequest amendment(MultiValueMap<String, String> params, TaskView task, List<String> problems) {
    if (task.kind() != TaskKind.INTAKE_COMPLETION) {
      return null;
    }
    RiskTier tier = null;
    String tierText = trimmed(params.getFirst("amend.riskTier"));
    if (tierText != null) {
      try {
        tier = RiskTier.valueOf(tierText);
      } catch (IllegalArgumentException e) {
        problems.add("Risk tier '" + tierText + "' is not one of MINIMAL, LIMITED, HIGH, PROHIBITED.");
      }
    }
    return new InitiativeRequest(null, null, trimmed(params.getFirst("amend.purpose")),
        trimmed(params.getFirst("amend.businessUnit")), tier, null, trimmed(params.getFirst("amend.sponsor")), null,
        null, null, null, null);
  }

  static List<String> requiredEvidence(TaskView task) {
    return task.requiredEvidence() == null ? List.of() : task.requiredEvidence();
  }

  static String trimmed(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
