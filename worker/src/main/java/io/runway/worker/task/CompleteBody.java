package io.runway.worker.task;

import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.InitiativeRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import io.runway.worker.web.EvidenceLinks;
import java.util.List;
import java.util.Map;

/** Completing a task: the decision, and what supports it. */
record CompleteBody(
    @NotNull(message = "is required (one of APPROVE, REQUEST_CHANGES, REJECT for reviews; SUBMIT for intake, findings and operations tasks; RETRY or SKIP for integration incidents; CONTINUE, SCALE, FIX, PAUSE or RETIRE for value reviews)") Decision decision,
    String comment,
    List<@Valid EvidenceItem> evidence,
    Map<String, Double> metrics,
    InitiativeRequest amendment,
    java.time.LocalDate followUpOn) {

  CompleteBody(Decision decision, String comment, List<EvidenceItem> evidence, Map<String, Double> metrics,
      InitiativeRequest amendment) {
    this(decision, comment, evidence, metrics, amendment, null);
  }

  record EvidenceItem(
      @NotBlank(message = "is required") String kind,
      @NotBlank(message = "is required") String title,
      @NotBlank(message = "is required") @Pattern(regexp = EvidenceLinks.PATTERN, message = EvidenceLinks.MESSAGE) String uri,
      String sha256) {}
}
