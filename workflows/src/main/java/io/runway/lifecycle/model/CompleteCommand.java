package io.runway.lifecycle.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Completes a task. Review tasks take APPROVE, REQUEST_CHANGES or REJECT; intake-completion and
 * findings tasks take SUBMIT, an intake task with an {@code amendment} of the missing fields; a
 * value review's FIX names the day of its follow-up review in {@code followUpOn}.
 */
public record CompleteCommand(
    String taskId,
    Actor actor,
    Decision decision,
    String comment,
    List<EvidenceInput> evidence,
    Map<String, Double> metrics,
    InitiativeRequest amendment,
    LocalDate followUpOn) {

  public CompleteCommand {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  public CompleteCommand(String taskId, Actor actor, Decision decision, String comment, List<EvidenceInput> evidence,
      Map<String, Double> metrics, InitiativeRequest amendment) {
    this(taskId, actor, decision, comment, evidence, metrics, amendment, null);
  }
}
