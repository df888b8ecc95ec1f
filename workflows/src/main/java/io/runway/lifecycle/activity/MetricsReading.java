package io.runway.lifecycle.activity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named metrics of a model version's run: {@code values} are the numbers, {@code invalid} the
 * metrics whose latest value the system sent was not a finite number (name to what it sent, cut
 * short), shown as invalid rather than left out. A metric the run does not have is in neither.
 */
public record MetricsReading(Map<String, Double> values, Map<String, String> invalid) {

  /** Kept in the order the metrics were asked for (Map.copyOf would not), as the task shows them. */
  public MetricsReading {
    values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    invalid = invalid == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(invalid));
  }
}
