package io.runway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU seconds of groups of processes from {@code /proc/<pid>/stat}: utime + stime of each process of
 * the group and of its live descendants, plus cutime + cstime (children that already exited and were
 * reaped, e.g. PostgreSQL backends of closed connections). Divided by the kernel's clock tick (100 Hz
 * on Linux). Groups are named ("runway", "temporal", "postgres", "harness") and re-resolved at each
 * sample, so processes that start later are counted.
 */
final class CpuMeter {

  static final double TICKS_PER_SECOND = 100.0;

  private final Map<String, Supplier<List<Long>>> groups = new LinkedHashMap<>();

  CpuMeter group(String name, Supplier<List<Long>> roots) {
    groups.put(name, roots);
    return this;
  }

  /** CPU seconds so far per group. */
  Map<String, Double> sample() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    groups.forEach((name, roots) -> seconds.put(name, treeSeconds(roots.get())));
    return seconds;
  }

  static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> d = new LinkedHashMap<>();
    after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
    return d;
  }

  static double treeSeconds(List<Long> roots) {
    List<Long> all = new ArrayList<>();
    for (long root : roots) {
      if (!all.contains(root)) {
        all.add(root);
      }
      ProcessHandle.of(root).ifPresent(p -> p.descendants().forEach(d -> {
        if (!all.contains(d.pid())) {
          all.add(d.pid());
        }
      }));
    }
    long ticks = 0;
    for (long pid : all) {
      ticks += ticks(pid);
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** utime + stime + cutime + cstime of one process, 0 if it is gone. */
  static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) is in parentheses and may hold spaces: fields start after the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // f[0] is field 3 (state); utime = field 14 -> f[11], stime f[12], cutime f[13], cstime f[14]
      return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static String format(Map<String, Double> seconds) {
    StringBuilder text = new StringBuilder();
    seconds.forEach((k, v) -> text.append(text.isEmpty() ? "" : ", ").append(k).append(' ').append(String.format("%.1f s", v)));
    return text.toString();
  }
}
