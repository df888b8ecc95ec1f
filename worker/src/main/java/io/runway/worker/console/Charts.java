package io.runway.worker.console;

import io.runway.worker.portfolio.Funnel;
import io.runway.worker.portfolio.FunnelStage;
import io.runway.worker.portfolio.GateTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bar charts as geometry for inline SVG: computed here, drawn by the template, with every number
 * written as a text label (and repeated in a data table), so they read without colour or script.
 */
final class Charts {

  static final int WIDTH = 760;
  static final int LABEL_WIDTH = 230;
  static final int BAR_AREA = WIDTH - LABEL_WIDTH - 150;
  static final int ROW = 30;

  /** One bar: where it is drawn, and the label and value written beside it. */
  record Bar(String label, String value, int y, int width, String cssClass) {}

  record Chart(int height, List<Bar> bars) {}

  private Charts() {}

  /** One bar per funnel stage, as long as the initiatives that reached it; value "reached (conversion %)". */
  static Chart funnel(Funnel funnel, java.util.function.Function<String, String> title) {
    long max = funnel.stages().stream().mapToLong(FunnelStage::reached).max().orElse(0);
    List<Bar> bars = new ArrayList<>();
    int y = 10;
    for (FunnelStage stage : funnel.stages()) {
      bars.add(new Bar(title.apply(stage.stage()), stage.reached() + " (" + percent(stage.conversionFromIntake()) + ")",
          y, scaled(stage.reached(), max), "bar"));
      y += ROW;
    }
    return new Chart(y + 10, bars);
  }

  /** Two bars per gate and team: the median and the 90th percentile of time from opening to decision. */
  static Chart timeInGate(List<GateTime> times, java.util.function.Function<String, String> title) {
    long max = times.stream().mapToLong(t -> t.p90().toSeconds()).max().orElse(0);
    List<Bar> bars = new ArrayList<>();
    int y = 10;
    for (GateTime time : times) {
      // the gate beside the median, its team beside the p90: one line each fits the label column
      bars.add(new Bar(title.apply(time.gate()), "median " + duration(time.median()), y,
          scaled(time.median().toSeconds(), max), "bar"));
      bars.add(new Bar("team " + time.team(), "p90 " + duration(time.p90()), y + 22, scaled(time.p90().toSeconds(), max),
          "bar-2"));
      y += 2 * 22 + 14;
    }
    return new Chart(y + 10, bars);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  /** Days with one decimal from a day on, hours below, minutes below an hour. */
  static String duration(Duration d) {
    if (d.compareTo(Duration.ofDays(1)) >= 0) {
      return String.format(Locale.ROOT, "%.1f d", d.toMinutes() / 1440.0);
    }
    if (d.compareTo(Duration.ofHours(1)) >= 0) {
      return String.format(Locale.ROOT, "%.1f h", d.toSeconds() / 3600.0);
    }
    return Math.max(0, d.toMinutes()) + " min";
  }

  private static int scaled(long value, long max) {
    if (max <= 0 || value <= 0) {
      return 0;
    }
    return (int) Math.max(2, Math.round((double) value / max * BAR_AREA));
  }
}
