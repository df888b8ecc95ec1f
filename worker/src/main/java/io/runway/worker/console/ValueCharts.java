package io.runway.worker.console;

import io.runway.worker.value.ValueView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The value tab's charts as geometry for inline SVG, like {@link Charts}: a KPI's monthly actuals as
 * a line between its baseline and target lines, and run cost per month as bars against the budget
 * line. Every number is also written as text and listed in a table under the chart.
 */
final class ValueCharts {

  static final int WIDTH = 760;
  static final int HEIGHT = 220;
  static final int LEFT = 70;
  static final int RIGHT = 150;
  static final int TOP = 20;
  static final int BOTTOM = 40;

  /** A month's point: where it is drawn and what it says. Pilot figures are drawn hollow. */
  record Point(int x, int y, String month, String value, boolean pilot) {}

  /** A horizontal reference line (baseline, target, budget) with its label. */
  record Line(int y, String label, String cssClass) {}

  record KpiChart(String name, String description, List<Point> points, String path, Line baseline, Line target) {}

  record Bar(int x, int y, int width, int height, String month, String value, boolean over) {}

  record CostChart(String description, List<Bar> bars, Line budget) {}

  private ValueCharts() {}

  static KpiChart kpi(ValueView.KpiValue kpi) {
    List<Double> values = new ArrayList<>(kpi.actuals().stream().map(ValueView.Actual::value).toList());
    if (kpi.baseline() != null) {
      values.add(kpi.baseline());
    }
    if (kpi.target() != null) {
      values.add(kpi.target());
    }
    Scale scale = Scale.of(values);
    List<Point> points = new ArrayList<>();
    int n = kpi.actuals().size();
    for (int i = 0; i < n; i++) {
      ValueView.Actual a = kpi.actuals().get(i);
      points.add(new Point(x(i, n), scale.y(a.value()), a.period(), number(a.value()), a.pilot()));
    }
    StringBuilder path = new StringBuilder();
    points.forEach(p -> path.append(path.isEmpty() ? "M" : " L").append(p.x()).append(' ').append(p.y()));
    String description = kpi.name() + ": baseline " + number(kpi.baseline()) + ", target " + number(kpi.target()) + "; "
        + String.join(", ", points.stream().map(p -> p.month() + " " + p.value() + (p.pilot() ? " (pilot)" : "")).toList());
    return new KpiChart(kpi.name(), description, points, path.toString(),
        kpi.baseline() == null ? null : new Line(scale.y(kpi.baseline()), "baseline " + number(kpi.baseline()), "line-baseline"),
        kpi.target() == null ? null : new Line(scale.y(kpi.target()), "target " + number(kpi.target()), "line-target"));
  }

  static CostChart costs(List<ValueView.CostMonth> months, BigDecimal budget) {
    List<Double> values = new ArrayList<>(months.stream().map(m -> m.amount().doubleValue()).toList());
    values.add(0.0);
    if (budget != null) {
      values.add(budget.doubleValue());
    }
    Scale scale = Scale.of(values);
    int n = months.size();
    int slot = n == 0 ? 0 : (WIDTH - LEFT - RIGHT) / n;
    int width = Math.max(6, Math.min(48, slot - 8));
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ValueView.CostMonth m = months.get(i);
      int top = scale.y(m.amount().doubleValue());
      bars.add(new Bar(x(i, n) - width / 2, top, width, scale.y(0) - top, m.period(), m.amount().toPlainString(), m.overBudget()));
    }
    String description = "Run cost per month" + (budget == null ? "" : " against a monthly budget of " + budget.toPlainString())
        + ": " + String.join(", ", bars.stream().map(b -> b.month() + " " + b.value() + (b.over() ? " (over budget)" : "")).toList());
    return new CostChart(description, bars, budget == null ? null : new Line(scale.y(budget.doubleValue()),
        "budget " + budget.toPlainString(), "line-target"));
  }

  private static int x(int i, int n) {
    int span = WIDTH - LEFT - RIGHT;
    return n <= 1 ? LEFT + span / 2 : LEFT + (int) Math.round(i * (double) span / (n - 1));
  }

  static String number(Double value) {
    if (value == null) {
      return "—";
    }
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%s", value);
  }

  /** Values to pixels, top to bottom, with some room above and below. */
  private record Scale(double min, double max) {
    static Scale of(List<Double> values) {
      double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
      double pad = max == min ? Math.max(1, Math.abs(max) * 0.1) : (max - min) * 0.1;
      return new Scale(min - pad, max + pad);
    }

    int y(double value) {
      return TOP + (int) Math.round((max - value) / (max - min) * (HEIGHT - TOP - BOTTOM));
    }
  }
}
