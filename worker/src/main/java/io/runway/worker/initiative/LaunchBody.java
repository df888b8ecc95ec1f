package io.runway.worker.initiative;

import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Budget;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.Kpi;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * The launch request as the API accepts it: key and name are required, a tier must be a known one
 * if given; the rest may be missing, because intake lists what is missing and opens a task for the
 * program office (who may also classify an initiative launched before it was classified).
 * Public because the import validates each row against these same rules.
 */
public record LaunchBody(
    @NotBlank(message = "is required")
        @Pattern(
            regexp = "^[a-z0-9][a-z0-9-]{1,62}$",
            message = "must be 2-63 characters of a-z, 0-9 and '-', starting with a letter or digit")
        @Pattern(
            regexp = "^(?!" + Lifecycle.SAMPLE_KEY_PREFIX + ").*$",
            flags = Pattern.Flag.DOTALL,
            message = "must not start with '" + Lifecycle.SAMPLE_KEY_PREFIX + "': those keys are reserved for the demo"
                + " seed's sample data")
        String key,
    @NotBlank(message = "is required") String name,
    String purpose,
    String businessUnit,
    RiskTier riskTier,
    Owners owners,
    String sponsor,
    List<String> dataClasses,
    List<Kpi> kpis,
    Budget budget,
    String modelName,
    String modelVersion) {

  public InitiativeRequest toRequest() {
    return new InitiativeRequest(
        key, name, purpose, businessUnit, riskTier, owners, sponsor, dataClasses, kpis, budget, modelName,
        modelVersion);
  }
}
