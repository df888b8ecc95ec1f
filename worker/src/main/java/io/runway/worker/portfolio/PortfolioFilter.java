package io.runway.worker.portfolio;

import io.runway.lifecycle.Lifecycle;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.ApiProblem.FieldProblem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Which initiatives a portfolio query covers: nulls mean all; {@code stallDays} (>= 1) is read by the
 * stall radar only; {@code samples} says what to do with the demo seed's sample initiatives.
 */
public record PortfolioFilter(String businessUnit, String riskTier, int stallDays, Samples samples) {

  /** The demo seed's sample data (keys starting {@link Lifecycle#SAMPLE_KEY_PREFIX}) beside real records. */
  public enum Samples {
    /** Real and sample initiatives, sample ones marked where they are listed. */
    INCLUDE,
    /** Real initiatives only. */
    EXCLUDE,
    /** Sample initiatives only. */
    ONLY;

    /** {@code include}, {@code exclude} or {@code only} (any case); absent means include. */
    public static Samples parse(String value) {
      if (value == null || value.isBlank()) {
        return INCLUDE;
      }
      try {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        List<String> allowed = Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
        String message = "'" + value + "' is not one of " + allowed;
        throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "samples: " + message,
            List.of(new FieldProblem("samples", message, allowed)));
      }
    }
  }

  public PortfolioFilter {
    samples = samples == null ? Samples.INCLUDE : samples;
  }

  public PortfolioFilter(String businessUnit, String riskTier, int stallDays) {
    this(businessUnit, riskTier, stallDays, Samples.INCLUDE);
  }

  /** The same filter, narrowed to the sample initiatives. */
  public PortfolioFilter samplesOnly() {
    return new PortfolioFilter(businessUnit, riskTier, stallDays, Samples.ONLY);
  }
}
