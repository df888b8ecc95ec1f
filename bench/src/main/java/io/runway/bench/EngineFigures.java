package io.runway.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** What the comparison measured for one engine; -1 (or null) where it does not apply or failed. */
final class EngineFigures {

  final String name;
  /** P1: the highest offered rate whose step kept POST/start p99 within the bar without errors. */
  double kneeRate = -1;
  double kneeAchieved = -1;
  long kneeP50Micros = -1;
  long kneeP99Micros = -1;
  final List<String> kneeSteps = new ArrayList<>();
  int launched;
  /** P2: task completed -> next task visible. */
  Histogram nextVisible;
  int driven;
  int inProduction;
  /** P5: CPU seconds per 1,000 lifecycles, per process group that counts for this engine. */
  final Map<String, Double> cpuPer1000 = new LinkedHashMap<>();
  Histories.Shape history;
  /** Database growth per 1,000 lifecycles (PostgreSQL; for Temporal engines also the server's SQLite store). */
  long dbBytesPer1000 = -1;
  long storeBytesPer1000 = -1;
  String notes = "";

  EngineFigures(String name) {
    this.name = name;
  }

  double cpuTotalPer1000() {
    return cpuPer1000.isEmpty() ? -1 : cpuPer1000.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  long p2(double percentile) {
    return nextVisible == null || nextVisible.getTotalCount() == 0 ? -1 : nextVisible.getValueAtPercentile(percentile);
  }
}
