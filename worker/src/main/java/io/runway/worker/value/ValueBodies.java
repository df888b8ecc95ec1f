package io.runway.worker.value;

import io.runway.lifecycle.model.KpiSource;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** Request bodies of the value endpoints. */
final class ValueBodies {

  private ValueBodies() {}

  record KpiActualBody(
      @NotBlank(message = "is required: the name of one of the initiative's KPIs") String kpi,
      @NotBlank(message = "is required: the month, written YYYY-MM") String period,
      @NotNull(message = "is required: a number") Double value,
      KpiSource source,
      @Size(max = 2000, message = "must be at most 2000 characters") String note) {}

  record CostActualBody(
      @NotBlank(message = "is required: the month, written YYYY-MM") String period,
      @NotNull(message = "is required: a number") BigDecimal amount,
      @NotBlank(message = "is required: the budget's currency, e.g. EUR") String currency,
      Map<String, BigDecimal> breakdown,
      @Size(max = 2000, message = "must be at most 2000 characters") String note) {}

  record ReadinessExceptionBody(
      @NotBlank(message = "is required: say why the data may go on although it misses its bounds") String justification,
      @NotNull(message = "is required: the last day (YYYY-MM-DD) the exception holds") LocalDate expiresOn) {}
}
