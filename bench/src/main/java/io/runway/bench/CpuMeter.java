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
 * on Linux). Groups are named ("runway", "temporal", "postgres") and re-resolved at each sample, so
 * processes that start later are counted. The harness JVM is a {@link #process}, not a group: every
 * other process of the run is its descendant, and counting them would count the whole machine.
 */
final class CpuMeter {

  static final double TICKS_PER_SECOND = 100.0;

  private final Map<String, Supplier<Double>> groups = new LinkedHashMap<>();

  /** A process tree: the roots, their live descendants, and the children they reaped. */
  CpuMeter group(String name, Supplier<List<Long>> roots) {
    groups.put(name, () -> treeSeconds(roots.get()));
    return this;
  }

  /** One process alone (utime + stime): none of its children, live or reaped. */
  CpuMeter process(String name, long pid) {
    groups.put(name, () -> ownTicks(pid) / TICKS_PER_SECOND);
    return this;
  }

  /** CPU seconds so far per group. */
  Map<String, Double> sample() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    groups.forEach((name, counter) -> seconds.put(name, counter.get()));
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
    long[] f = statTimes(pid);
    return f[0] + f[1] + f[2] + f[3];
  }

  /** utime + stime of one process, 0 if it is gone. */
  static long ownTicks(long pid) {
    long[] f = statTimes(pid);
    return f[0] + f[1];
  }

  /** utime, stime, cutime, cstime (fields 14-17 of /proc/<pid>/stat); zeros if the process is gone. */
  private static long[] statTimes(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) is in parentheses and may hold spaces: fields start after the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // f[0] is field 3 (state); utime = field 14 -> f[11], stime f[12], cutime f[13], cstime f[14]
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    } catch (IOException | RuntimeException e) {
      return new long[4];
    }
  }

  static String format(Map<String, Double> seconds) {
    StringBuilder text = new StringBuilder();
    seconds.forEach((k, v) -> text.append(text.isEmpty() ? "" : ", ").append(k).append(' ').append(String.format("%.1f s", v)));
    return text.toString();
  }
}
