package io.runway.lifecycle.model;

import java.util.List;
import java.util.Map;

/**
 * Completes a task. Review tasks take APPROVE, REQUEST_CHANGES or REJECT; intake-completion and
 * findings tasks take SUBMIT, an intake task with an {@code amendment} of the missing fields.
 */
public record CompleteCommand(
    String taskId,
    Actor actor,
    Decision decision,
    String comment,
    List<EvidenceInput> evidence,
    Map<String, Double> metrics,
    InitiativeRequest amendment) {

  public CompleteCommand {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }
}
