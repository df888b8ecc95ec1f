package io.runway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The comparison's table (stdout, {@code <stamp>.md}) and chart ({@code <stamp>.svg}): medians and p99
 * per engine, Runway's ratios to the baseline and to Flowable, and PASS/MISS against issue 12's targets.
 */
final class SideBySide {

  static final double P1_SHARE_OF_BASELINE = 0.60;
  static final long P2_P50_BAR_MICROS = 100_000;
  static final long P2_P99_BAR_MICROS = 300_000;
  static final double HEAP_FLAT = 1.20;
  static final long HEAP_MAX_BYTES = 512L * 1024 * 1024;

  private final List<EngineFigures> engines;
  private final List<long[]> heap;
  private final EngineFigures runway;
  private final EngineFigures temporal;
  private final EngineFigures flowable;
  final List<String[]> rows = new ArrayList<>();
  final List<String[]> verdicts = new ArrayList<>();

  SideBySide(List<EngineFigures> engines, List<long[]> heap) {
    this.engines = engines;
    this.heap = heap;
    this.runway = find("Runway");
    this.temporal = find("raw Temporal");
    this.flowable = find("Flowable");
    build();
  }

  private EngineFigures find(String name) {
    return engines.stream().filter(e -> e.name.equals(name)).findFirst().orElse(null);
  }

  private void row(String figure, ToDoubleFunction<EngineFigures> value, String unit, int decimals, boolean lowerIsBetter) {
    String[] r = new String[6];
    r[0] = figure + (unit.isEmpty() ? "" : " (" + unit + ")");
    r[1] = fmt(runway, value, decimals);
    r[2] = fmt(temporal, value, decimals);
    r[3] = fmt(flowable, value, decimals);
    r[4] = ratio(runway, temporal, value);
    r[5] = ratio(runway, flowable, value);
    rows.add(r);
  }

  private static String fmt(EngineFigures e, ToDoubleFunction<EngineFigures> value, int decimals) {
    if (e == null) {
      return "-";
    }
    double v = value.applyAsDouble(e);
    return v < 0 ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String ratio(EngineFigures a, EngineFigures b, ToDoubleFunction<EngineFigures> value) {
    if (a == null || b == null) {
      return "-";
    }
    double x = value.applyAsDouble(a);
    double y = value.applyAsDouble(b);
    return x < 0 || y <= 0 ? "-" : String.format(Locale.ROOT, "x%.2f", x / y);
  }

  private void build() {
    row("P1 knee: offered launches/s within the bar", e -> e.kneeRate, "1/s", 0, false);
    row("P1 achieved launches/s at the knee (no knee: first step)", e -> e.kneeAchieved, "1/s", 1, false);
    row("P1 launch p50 at the knee", e -> e.kneeP50Micros < 0 ? -1 : e.kneeP50Micros / 1000.0, "ms", 1, true);
    row("P1 launch p99 at the knee", e -> e.kneeP99Micros < 0 ? -1 : e.kneeP99Micros / 1000.0, "ms", 1, true);
    row("P2 next task visible p50", e -> e.p2(50) < 0 ? -1 : e.p2(50) / 1000.0, "ms", 1, true);
    row("P2 next task visible p99", e -> e.p2(99) < 0 ? -1 : e.p2(99) / 1000.0, "ms", 1, true);
    row("lifecycles driven to production", e -> e.inProduction, "", 0, false);
    row("P5 CPU per 1,000 lifecycles", EngineFigures::cpuTotalPer1000, "s", 1, true);
    row("history per lifecycle: events", e -> e.history == null ? -1 : e.history.events(), "", 0, true);
    row("history per lifecycle: size", e -> e.history == null ? -1 : e.history.bytes() / 1024.0, "KiB", 1, true);
    row("PostgreSQL growth per 1,000 lifecycles", e -> e.dbBytesPer1000 < 0 ? -1 : e.dbBytesPer1000 / 1048576.0, "MiB", 1, true);
    row("Temporal store growth per 1,000 lifecycles", e -> e.storeBytesPer1000 < 0 ? -1 : e.storeBytesPer1000 / 1048576.0, "MiB", 1, true);

    if (runway != null && temporal != null) {
      boolean baselineCapped = temporal.kneeSteps.isEmpty() || !temporal.kneeSteps.getLast().endsWith("past the knee");
      if (runway.kneeRate < 0) {
        verdicts.add(new String[] {"P1 rate vs raw Temporal", "no step within the bar", ">= 60 %", "MISS"});
      } else if (temporal.kneeRate < 0) {
        verdicts.add(new String[] {"P1 rate vs raw Temporal", "-", ">= 60 % (the baseline had no step within the bar)", "n/a"});
      } else {
        double share = runway.kneeAchieved / temporal.kneeAchieved;
        verdicts.add(new String[] {"P1 rate vs raw Temporal", String.format(Locale.ROOT, "%.0f %%", 100 * share),
            ">= 60 %" + (baselineCapped ? " (baseline never reached its knee: a lower bound)" : ""), verdict(share >= P1_SHARE_OF_BASELINE)});
      }
    }
    if (runway != null) {
      verdicts.add(new String[] {"P1 p99 at the reported rate", runway.kneeP99Micros < 0 ? "-" : Report.ms(runway.kneeP99Micros), "<= 150 ms",
          runway.kneeP99Micros < 0 ? "n/a" : verdict(runway.kneeRate > 0 && runway.kneeP99Micros <= ComparisonRun.P1_P99_BAR_MICROS)});
      long p50 = runway.p2(50);
      long p99 = runway.p2(99);
      verdicts.add(new String[] {"P2 p50", p50 < 0 ? "-" : Report.ms(p50), "<= 100 ms", p50 < 0 ? "n/a" : verdict(p50 <= P2_P50_BAR_MICROS)});
      verdicts.add(new String[] {"P2 p99", p99 < 0 ? "-" : Report.ms(p99), "<= 300 ms", p99 < 0 ? "n/a" : verdict(p99 <= P2_P99_BAR_MICROS)});
      if (flowable != null && flowable.p2(50) >= 0 && p50 >= 0) {
        verdicts.add(new String[] {"P2 no worse than Flowable (p50, p99)", Report.ms(p50) + ", " + Report.ms(p99),
            "<= " + Report.ms(flowable.p2(50)) + ", " + Report.ms(flowable.p2(99)), verdict(p50 <= flowable.p2(50) && p99 <= flowable.p2(99))});
      }
      if (heap.size() >= 2) {
        long[] first = heap.getFirst();
        long[] last = heap.getLast();
        double r = (double) last[1] / first[1];
        long max = heap.stream().mapToLong(p -> p[1]).max().orElse(0);
        verdicts.add(new String[] {"P4 worker heap after GC " + first[0] + " -> " + last[0] + " open",
            String.format(Locale.ROOT, "%s -> %s (x%.2f)", Report.mib(first[1]), Report.mib(last[1]), r), "flat within 20 %, <= 512 MiB",
            verdict(r <= HEAP_FLAT && max <= HEAP_MAX_BYTES)});
      } else if (heap.size() == 1) {
        verdicts.add(new String[] {"P4 worker heap after GC at " + heap.getFirst()[0] + " open", Report.mib(heap.getFirst()[1]),
            "flat within 20 %, <= 512 MiB (needs two steps)", "n/a"});
      }
      if (flowable != null && runway.cpuTotalPer1000() > 0 && flowable.cpuTotalPer1000() > 0) {
        verdicts.add(new String[] {"P5 CPU per 1,000 lifecycles vs Flowable", String.format(Locale.ROOT, "%.1f s", runway.cpuTotalPer1000()),
            String.format(Locale.ROOT, "<= %.1f s", flowable.cpuTotalPer1000()), verdict(runway.cpuTotalPer1000() <= flowable.cpuTotalPer1000())});
      }
      if (runway.history != null) {
        verdicts.add(new String[] {"history per lifecycle", ComparisonRun.kib(runway.history.bytes()),
            "<= 1/5 of the history before delta projection (compared in HistorySizeTest, not in this run)", "n/a"});
      }
    }
  }

  private static String verdict(boolean pass) {
    return pass ? "PASS" : "MISS";
  }

  void print(Report report) {
    report.section("Side by side (" + String.join(", ", engines.stream().map(e -> e.name).toList()) + ")");
    report.line("  %-48s %12s %14s %12s %16s %16s", "figure", "Runway", "raw Temporal", "Flowable", "Runway/Temporal", "Runway/Flowable");
    for (String[] r : rows) {
      report.line("  %-48s %12s %14s %12s %16s %16s", r[0], r[1], r[2], r[3], r[4], r[5]);
    }
    report.line("");
    for (String[] v : verdicts) {
      report.check(v[0], v[1], v[2], v[3].equals("n/a") ? null : v[3].equals("PASS"));
    }
  }

  String markdown(String title, String setupLine) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n").append(setupLine).append("\n\n");
    md.append("| figure | Runway | raw Temporal | Flowable | Runway / Temporal | Runway / Flowable |\n|---|---:|---:|---:|---:|---:|\n");
    for (String[] r : rows) {
      md.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    md.append("\n| target (issue 12) | measured | target | verdict |\n|---|---|---|---|\n");
    for (String[] v : verdicts) {
      md.append("| ").append(String.join(" | ", v)).append(" |\n");
    }
    md.append("\nP1 steps per engine:\n\n");
    for (EngineFigures e : engines) {
      md.append("- **").append(e.name).append("**").append(e.notes.isEmpty() ? "" : " (" + e.notes + ")").append("\n");
      e.kneeSteps.forEach(s -> md.append("  - ").append(s.trim()).append("\n"));
    }
    if (!heap.isEmpty()) {
      md.append("\nP4 Runway worker heap after GC: ");
      heap.forEach(p -> md.append(p[0]).append(" open -> ").append(Report.mib(p[1])).append("; "));
      md.append("\n");
    }
    return md.toString();
  }

  /** Three panels (P1 knee, P2 p50/p99, P5 CPU), one bar per engine. */
  String svg() {
    String[] colours = {"#2f6fb0", "#8a8a8a", "#d08a2c"};
    int panelW = 260;
    int h = 300;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        panelW * 4 + 20, h + 60));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    record Panel(String title, ToDoubleFunction<EngineFigures> value, String unit) {}
    List<Panel> panels = List.of(
        new Panel("P1 knee (launches/s, higher is better)", e -> e.kneeRate < 0 ? -1 : e.kneeAchieved, "/s"),
        new Panel("P2 next task p50 (ms, lower is better)", e -> e.p2(50) < 0 ? -1 : e.p2(50) / 1000.0, " ms"),
        new Panel("P2 next task p99 (ms, lower is better)", e -> e.p2(99) < 0 ? -1 : e.p2(99) / 1000.0, " ms"),
        new Panel("P5 CPU s per 1,000 lifecycles (lower is better)", EngineFigures::cpuTotalPer1000, " s"));
    for (int p = 0; p < panels.size(); p++) {
      Panel panel = panels.get(p);
      int x0 = 10 + p * panelW;
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-weight=\"bold\">%s</text>%n", x0, esc(panel.title())));
      double max = engines.stream().mapToDouble(panel.value()).max().orElse(1);
      max = max <= 0 ? 1 : max;
      for (int i = 0; i < engines.size(); i++) {
        EngineFigures e = engines.get(i);
        double v = panel.value().applyAsDouble(e);
        int barH = v <= 0 ? 0 : (int) Math.round((h - 80) * v / max);
        int x = x0 + 20 + i * 75;
        int y = h - barH;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"55\" height=\"%d\" fill=\"%s\"/>%n", x, y, barH, colours[i % 3]));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x + 27, y - 5,
            v < 0 ? (panel.unit().equals("/s") ? "no knee" : "n/a") : String.format(Locale.ROOT, v >= 100 ? "%.0f%s" : "%.1f%s", v, panel.unit())));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x + 27, h + 18, esc(e.name)));
      }
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"#555\">Same machine, same Temporal dev server and PostgreSQL, one run. See docs/benchmarks.md.</text>%n", h + 45));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;");
  }

  void write(Path dir, String stamp, String setupLine) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(stamp + ".md"), markdown("Runway benchmark " + stamp, setupLine));
    Files.writeString(dir.resolve(stamp + ".svg"), svg());
  }
}
