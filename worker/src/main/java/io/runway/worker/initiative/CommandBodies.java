package io.runway.worker.initiative;

import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.lifecycle.model.RiskTier;
import io.runway.worker.web.EvidenceLinks;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Request bodies of the initiative commands. */
final class CommandBodies {

  private CommandBodies() {}

  record EvidenceBody(
      Gate gate,
      @NotBlank(message = "is required") String kind,
      @NotBlank(message = "is required") String title,
      @NotBlank(message = "is required")
          @Pattern(regexp = EvidenceLinks.PATTERN, message = EvidenceLinks.MESSAGE)
          String uri,
      @Pattern(regexp = "^[a-f0-9]{64}$", message = "must be 64 lowercase hex digits") String sha256) {}

  record ReasonBody(@NotBlank(message = "is required: say why, the record keeps it") String reason) {}

  record ReclassifyBody(
      @NotNull(message = "is required (one of MINIMAL, LIMITED, HIGH, PROHIBITED)") RiskTier riskTier,
      @NotBlank(message = "is required: say why, the record keeps it") String reason) {}

  record EventBody(
      @NotNull(message = "is required (one of DRIFT_ALERT, INCIDENT, NEW_MODEL_VERSION)") ProductionEventType type,
      @NotBlank(message = "is required") String detail,
      String modelVersion,
      String eventId) {}

  /** What a signal-based command answers: accepted, to be carried out by the workflow. */
  record Accepted(String key, String command, String eventId) {}
}
