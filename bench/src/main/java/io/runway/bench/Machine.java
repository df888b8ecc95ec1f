package io.runway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the machine and the app's JVM say about themselves: CPU use, heap after GC, versions. */
final class Machine {

  private Machine() {}

  /** Busy and total jiffies of all CPUs from /proc/stat, or null off Linux. */
  static long[] cpuJiffies() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
      String[] f = line.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Share of all CPUs busy between two /proc/stat samples, in percent; -1 if unknown. */
  static double busyPercent(long[] before, long[] after) {
    if (before == null || after == null || after[1] == before[1]) {
      return -1;
    }
    return 100.0 * (after[0] - before[0]) / (after[1] - before[1]);
  }

  /** CPU seconds a process has used so far; -1 if unknown. */
  static double cpuSeconds(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(p -> p.info().totalCpuDuration())
        .map(d -> d.toNanos() / 1e9)
        .orElse(-1.0);
  }

  static double ownCpuSeconds() {
    return cpuSeconds(ProcessHandle.current().pid());
  }

  static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("\\D+", ""));
          return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return "?";
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return "?";
  }

  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return -1;
  }

  static String jcmd(String java, long pid, String... command) throws IOException, InterruptedException {
    Path jcmd = Path.of(java).resolveSibling("jcmd");
    List<String> cmd = new ArrayList<>(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", String.valueOf(pid)));
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
    }
    return out;
  }

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  /** Full GC (System.gc via jcmd), then the used heap in bytes from GC.heap_info. */
  static long heapAfterGc(String java, long pid) throws IOException, InterruptedException {
    jcmd(java, pid, "GC.run");
    Thread.sleep(Duration.ofMillis(500));
    jcmd(java, pid, "GC.run");
    String info = jcmd(java, pid, "GC.heap_info");
    Matcher m = USED.matcher(info);
    if (!m.find()) {
      throw new IOException("no 'used NK' in GC.heap_info: " + info);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  static String vmVersion(String java, long pid) {
    try {
      String out = jcmd(java, pid, "VM.version");
      return out.lines().skip(1).filter(l -> !l.isBlank()).limit(2).map(String::trim).reduce((a, b) -> a + "; " + b).orElse("?");
    } catch (IOException | InterruptedException e) {
      return "? (" + e.getMessage() + ")";
    }
  }

  static String gcName(String java, long pid) {
    try {
      String flags = jcmd(java, pid, "VM.flags");
      for (String gc : List.of("UseG1GC", "UseParallelGC", "UseSerialGC", "UseZGC", "UseShenandoahGC")) {
        if (flags.contains("-XX:+" + gc)) {
          return gc.substring(3);
        }
      }
    } catch (IOException | InterruptedException e) {
      // fall through
    }
    return "?";
  }
}
