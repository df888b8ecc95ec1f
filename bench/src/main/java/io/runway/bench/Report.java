package io.runway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** A plain-text report, printed as it grows and written to a file at the end. */
final class Report {

  private final StringBuilder text = new StringBuilder();
  private final List<String> verdicts = new ArrayList<>();

  void line(String format, Object... args) {
    String line = args.length == 0 ? format : String.format(format, args);
    System.out.println(line);
    System.out.flush();
    text.append(line).append('\n');
  }

  void section(String title) {
    line("");
    line("== " + title + " " + "=".repeat(Math.max(0, 70 - title.length())));
  }

  /** One figure next to its target, with PASS/MISS (or n/a when it could not be measured). */
  void check(String figure, String measured, String target, Boolean pass) {
    String verdict = pass == null ? "n/a" : pass ? "PASS" : "MISS";
    String row = String.format("  %-44s %-16s target %-16s %s", figure, measured, target, verdict);
    line(row);
    verdicts.add(row);
  }

  List<String> verdicts() {
    return verdicts;
  }

  void writeTo(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  static String ms(long micros) {
    return String.format("%.1f ms", micros / 1000.0);
  }

  static String percentiles(Histogram h) {
    if (h.getTotalCount() == 0) {
      return "no samples";
    }
    return String.format(
        "n=%d  p50 %s  p90 %s  p99 %s  max %s",
        h.getTotalCount(),
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getMaxValue()));
  }

  static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
  }
}
