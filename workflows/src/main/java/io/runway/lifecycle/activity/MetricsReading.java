package io.runway.lifecycle.activity;

import java.util.Map;

/**
 * The named metrics of a model version's run: {@code values} are the numbers, {@code invalid} the
 * metrics whose latest value the system sent was not a finite number (name to what it sent, cut
 * short), shown as invalid rather than left out. A metric the run does not have is in neither.
 */
public record MetricsReading(Map<String, Double> values, Map<String, String> invalid) {

  public MetricsReading {
    values = values == null ? Map.of() : Map.copyOf(values);
    invalid = invalid == null ? Map.of() : Map.copyOf(invalid);
  }
}
