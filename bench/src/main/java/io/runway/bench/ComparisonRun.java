package io.runway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The side-by-side run on the real server: Runway (over its REST API), the raw-Temporal baseline and
 * Flowable, one after the other on the same machine, each warmed up, then P1 (open-loop launch steps
 * until p99 passes the bar or errors appear: the knee), P2 (simulated reviewers drive lifecycles to
 * production; task completed -> next task visible), P5 (CPU per 1,000 lifecycles from /proc), history
 * size (Temporal engines) and database growth.
 */
final class ComparisonRun {

  static final long P1_P99_BAR_MICROS = 150_000;

  private final Options o;
  private final Report report;
  private final RealSetup setup;
  private final String runId;
  private final String java;
  private final Path outDir;
  private final String stamp;
  final List<EngineFigures> figures = new ArrayList<>();
  /** Open Runway workflows this comparison left (for the heap phase's count). */
  int runwayOpen;

  ComparisonRun(Options o, Report report, RealSetup setup, String runId, String java, Path outDir, String stamp) {
    this.o = o;
    this.report = report;
    this.setup = setup;
    this.runId = runId;
    this.java = java;
    this.outDir = outDir;
    this.stamp = stamp;
  }

  /** A measured engine: how to launch, how to drive, which processes' CPU counts, which database grows. */
  private record Subject(EngineFigures f, Launcher launcher, DriveFn drive, CpuMeter cpu, String database,
      boolean temporalStore) {}

  @FunctionalInterface
  private interface DriveFn {
    Driver.Result drive(List<String> keys, int reviewers) throws InterruptedException;
  }

  void run(Api api) throws Exception {
    // ---- Runway
    if (o.engines.contains("runway")) {
      EngineFigures rw = new EngineFigures("Runway");
      CpuMeter cpu = setup.cpuMeter("runway api+worker", setup::runwayPids);
      Subject s = new Subject(rw, new Launcher(api, runId, o.riskMix), (keys, n) -> new Driver(api, o.pollMs).run(keys, n), cpu,
          BenchDatabase.RUNWAY_DB, true);
      warmUp(s, new Launcher(api.fresh(), runId + "w", o.riskMix), (keys, n) -> new Driver(api.fresh(), o.pollMs).run(keys, n));
      List<String> driven = measure(s);
      runwayOpen = rw.launched + o.warmup;
      rw.history = history(driven.stream().map(k -> "initiative-" + k).toList());
      figures.add(rw);
    }

    // ---- raw Temporal baseline
    if (o.engines.contains("temporal")) {
      EngineFigures bl = new EngineFigures("raw Temporal");
      int perStep = activitiesPerStep();
      bl.notes = perStep + " no-op activities per phase";
      try (BaselineEngine engine = new BaselineEngine(setup.temporal, setup.codecKeys.substring(setup.codecKeys.indexOf(':') + 1), perStep, java,
          o.xmx, outDir.resolve(stamp + "-baseline-worker.log"))) {
        CpuMeter cpu = setup.cpuMeter("baseline worker", () -> List.of(engine.pid()));
        Subject s = new Subject(bl, new Launcher(engine::launch, runId, o.riskMix), (keys, n) -> new EngineDriver(engine, o.pollMs).run(keys, n),
            cpu, null, true);
        warmUp(s, new Launcher(engine::launch, runId + "w", o.riskMix), (keys, n) -> new EngineDriver(engine, o.pollMs).run(keys, n));
        List<String> driven = measure(s);
        bl.history = history(driven.stream().map(k -> BaselineEngine.ID_PREFIX + k).toList());
      }
      figures.add(bl);
    }

    // ---- Flowable
    if (o.engines.contains("flowable")) {
      EngineFigures fl = new EngineFigures("Flowable");
      report.section("Flowable: starting the embedded engine on database " + BenchDatabase.FLOWABLE_DB);
      long t0 = System.nanoTime();
      try (FlowableEngine engine = new FlowableEngine(setup.db)) {
        report.line("  engine built and process deployed in %.1f s", (System.nanoTime() - t0) / 1e9);
        // the harness JVM alone: Runway's processes and the servers are its children
        CpuMeter cpu = new CpuMeter().process("harness JVM (Flowable + its simulated users)", ProcessHandle.current().pid())
            .group("postgres", setup.db::pids);
        Subject s = new Subject(fl, new Launcher(engine::launch, runId, o.riskMix), (keys, n) -> new EngineDriver(engine, o.pollMs).run(keys, n),
            cpu, BenchDatabase.FLOWABLE_DB, false);
        warmUp(s, new Launcher(engine::launch, runId + "w", o.riskMix), (keys, n) -> new EngineDriver(engine, o.pollMs).run(keys, n));
        measure(s);
      }
      fl.notes = "embedded in the harness JVM; CPU includes the simulated users";
      figures.add(fl);
    }
  }

  /** No-op activities per phase for the baseline: Runway's activities (and local activities) per lifecycle, spread over its phases. */
  private int activitiesPerStep() {
    EngineFigures rw = figures.stream().filter(f -> f.name.equals("Runway")).findFirst().orElse(null);
    String tier = o.riskMix.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("MINIMAL");
    int steps = Plan.phases(tier).size() + 1;
    if (rw == null || rw.history == null) {
      report.line("  (Runway's history was not measured: the baseline runs %d activities per phase)", o.baselineActivities);
      return o.baselineActivities;
    }
    int total = rw.history.activities() + rw.history.localActivities();
    return Math.max(1, (int) Math.round((double) total / steps));
  }

  private void warmUp(Subject s, Launcher launcher, DriveFn drive) throws InterruptedException {
    if (o.warmup <= 0) {
      return;
    }
    report.section(s.f().name + ": warm-up (not measured)");
    long t0 = System.nanoTime();
    Launcher.Result w = launcher.run("warmup", o.warmup, o.warmupRate, 32);
    List<String> keys = w.createdKeysInOrder();
    Driver.Result d = drive.drive(keys.subList(0, Math.min(5, keys.size())), Math.min(5, o.reviewers));
    report.line("  %d launches (%s, p50 %s), %d/%d driven to production, in %.1f s", o.warmup, w.statusCounts(),
        Report.ms(w.latencyMicros.getValueAtPercentile(50)), d.inProduction.get(), d.driven, (System.nanoTime() - t0) / 1e9);
    d.failures.stream().limit(3).forEach(f -> report.line("    failed: %s", f));
  }

  /** P1 knee steps, then P2 on the first --drive launched; CPU and database growth per lifecycle. Returns the driven keys. */
  private List<String> measure(Subject s) throws InterruptedException {
    EngineFigures f = s.f();
    CpuMeter meter = s.cpu();

    report.section(f.name + ": P1 launches, open loop, stepping the rate until p99 > " + P1_P99_BAR_MICROS / 1000 + " ms or errors");
    Map<String, Double> cpu0 = meter.sample();
    long db0 = s.database() == null ? -1 : setup.db.databaseBytes(s.database());
    long store0 = s.temporalStore() ? setup.temporal.storeBytes() : -1;
    List<String> created = new ArrayList<>();
    Map<String, String> tiers = new TreeMap<>();
    for (double rate : o.kneeRates) {
      int n = Math.max(5, (int) Math.round(rate * o.kneeSeconds));
      Launcher.Result r = s.launcher().run("P1@" + rate, n, rate);
      created.addAll(r.createdKeysInOrder());
      tiers.putAll(r.tierByKey);
      long p50 = r.latencyMicros.getValueAtPercentile(50);
      long p99 = r.latencyMicros.getValueAtPercentile(99);
      boolean ok = r.created.get() == n && p99 <= P1_P99_BAR_MICROS;
      String line = String.format("%5.0f/s offered: %4d launches, %.1f/s achieved, p50 %s, p99 %s, statuses %s, send lag p99 %s -> %s", rate, n,
          r.achievedRate(), Report.ms(p50), Report.ms(p99), r.statusCounts(), Report.ms(r.sendLagMicros.getValueAtPercentile(99)),
          ok ? "within the bar" : "past the knee");
      report.line("  %s", line);
      r.errorSamples.stream().limit(2).forEach(e -> report.line("      e.g. %s", e));
      f.kneeSteps.add(line);
      if (ok) {
        f.kneeRate = rate;
        f.kneeAchieved = r.achievedRate();
        f.kneeP50Micros = p50;
        f.kneeP99Micros = p99;
      } else {
        if (f.kneeRate < 0) {
          // not even the first step held the bar: report what it did
          f.kneeAchieved = r.achievedRate();
          f.kneeP50Micros = p50;
          f.kneeP99Micros = p99;
        }
        break;
      }
      Thread.sleep(o.kneePauseMs); // let the engine work off the step's first tasks before the next rate
    }
    f.launched = created.size();
    Map<String, Double> launchCpu = CpuMeter.delta(cpu0, meter.sample());
    long dbLaunch = db0 < 0 ? 0 : setup.db.databaseBytes(s.database()) - db0;
    long storeLaunch = store0 < 0 ? 0 : setup.temporal.storeBytes() - store0;
    report.line("  knee             %s", f.kneeRate < 0 ? "none: the first step already missed the bar" : String.format("%.0f/s offered, %.1f/s achieved, p99 %s",
        f.kneeRate, f.kneeAchieved, Report.ms(f.kneeP99Micros)));
    report.line("  cpu (/proc)      %s for %d launches", CpuMeter.format(launchCpu), f.launched);

    List<String> keys = created.subList(0, Math.min(o.drive, created.size()));
    report.section(f.name + ": P2 drive " + keys.size() + " lifecycles to production (" + o.reviewers + " reviewers, poll " + o.pollMs + " ms)");
    Map<String, Long> tierCounts = new TreeMap<>();
    keys.forEach(k -> tierCounts.merge(tiers.getOrDefault(k, "?"), 1L, Long::sum));
    report.line("  tiers            %s", tierCounts);
    Map<String, Double> cpu1 = meter.sample();
    long db1 = db0 < 0 ? -1 : setup.db.databaseBytes(s.database());
    long store1 = store0 < 0 ? -1 : setup.temporal.storeBytes();
    Driver.Result b = s.drive().drive(keys, o.reviewers);
    Map<String, Double> driveCpu = CpuMeter.delta(cpu1, meter.sample());
    f.nextVisible = b.nextVisibleMicros;
    f.driven = b.driven;
    f.inProduction = b.inProduction.get();
    report.line("  in production    %d of %d in %.1f s", f.inProduction, f.driven, b.elapsedNanos / 1e9);
    report.line("  next task visible %s", Report.percentiles(b.nextVisibleMicros));
    new TreeMap<>(b.nextVisibleByGate).forEach((gate, h) -> report.line("    %-42s %s", gate, Report.percentiles(h)));
    report.line("  handover -> in production %s", Report.percentiles(b.productionVisibleMicros));
    report.line("  cpu (/proc)      %s for %d lifecycles driven", CpuMeter.format(driveCpu), f.driven);
    b.failures.stream().limit(5).forEach(x -> report.line("    FAILED %s", x));

    // P5: a lifecycle = one launch + one drive to production
    if (f.launched > 0 && f.inProduction > 0) {
      launchCpu.forEach((group, sec) -> f.cpuPer1000.put(group, 1000 * (sec / f.launched + driveCpu.getOrDefault(group, 0.0) / f.inProduction)));
      report.line("  P5 cpu per 1,000 lifecycles  %s; total %.1f s", CpuMeter.format(f.cpuPer1000), f.cpuTotalPer1000());
      if (db0 >= 0) {
        long dbDrive = setup.db.databaseBytes(s.database()) - db1;
        f.dbBytesPer1000 = Math.round(1000 * ((double) dbLaunch / f.launched + (double) dbDrive / f.inProduction));
        report.line("  database %-8s %s per 1,000 lifecycles (pg_database_size growth)", s.database(), Report.mib(f.dbBytesPer1000));
      }
      if (store0 >= 0) {
        long storeDrive = setup.temporal.storeBytes() - store1;
        f.storeBytesPer1000 = Math.round(1000 * ((double) storeLaunch / f.launched + (double) storeDrive / f.inProduction));
        report.line("  temporal store   %s per 1,000 lifecycles (SQLite file growth; shared server, so approximate)", Report.mib(f.storeBytesPer1000));
      }
    }
    return keys;
  }

  private Histories.Shape history(List<String> workflowIds) {
    StringBuilder errors = new StringBuilder();
    Histories.Shape shape = Histories.mean(setup.temporal.service, workflowIds, errors);
    if (shape == null) {
      report.line("  history          not read%s", errors.isEmpty() ? "" : ": " + errors);
    } else {
      report.line("  history per lifecycle (mean of %d, read from the server): %d events, %s; %d activities, %d local activities, %d updates, %d signals, %d timers",
          workflowIds.size(), shape.events(), kib(shape.bytes()), shape.activities(), shape.localActivities(), shape.updates(), shape.signals(), shape.timers());
    }
    return shape;
  }

  static String kib(long bytes) {
    return String.format("%.1f KiB", bytes / 1024.0);
  }
}
