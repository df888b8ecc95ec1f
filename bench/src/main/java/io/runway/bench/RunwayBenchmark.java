package io.runway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Benchmarks Runway against the quality bars of PRODUCT.md: launch rate and POST latency (phase A),
 * task completed -> next task visible (phase B), heap after GC as open workflows grow (phase C).
 * Talks to the app only over HTTP (and jcmd for the heap), like a user and an operator would.
 */
public final class RunwayBenchmark {

  static final double LAUNCH_RATE_BAR = 20;
  static final long POST_P99_BAR_MS = 150;
  static final long NEXT_P50_BAR_MS = 250;
  static final long NEXT_P99_BAR_MS = 1000;
  /** The achieved rate is measured up to the last answer, so a perfect run reads a hair under the offered rate. */
  static final double RATE_TOLERANCE = 0.02;

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(64);
      return;
    }
    if (options.help) {
      System.out.println(Options.USAGE);
      return;
    }
    System.exit(new RunwayBenchmark(options).run());
  }

  private final Options o;
  private final Path root;
  private final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  private final String runId = Long.toString(System.currentTimeMillis() / 1000 % 100_000_000L, 36);
  private final Report report = new Report();
  private String java;
  /** The real-server set-up while it runs (null on the test server). */
  private RealSetup setup;

  RunwayBenchmark(Options options) {
    this.o = options;
    this.root = findRoot();
  }

  private static Path findRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("bench/pom.xml")) && Files.exists(d.resolve("pom.xml"))) {
        return d;
      }
    }
    return dir;
  }

  private static String defaultJava() {
    String home = System.getenv("JAVA_HOME");
    if (home != null && Files.isExecutable(Path.of(home, "bin", "java"))) {
      return Path.of(home, "bin", "java").toString();
    }
    return ProcessHandle.current().info().command().orElse("java");
  }

  int run() throws Exception {
    java = o.java != null ? o.java : defaultJava();
    outDir = o.out != null ? o.out : root.resolve("bench-results");
    Path jar = o.jar;
    if (o.startApp && jar == null) {
      jar = AppProcess.findJar(root);
    }
    if (o.dryRun) {
      plan(jar, outDir);
      return 0;
    }
    if (o.startApp && (jar == null || !Files.isRegularFile(jar))) {
      System.err.println(
          "No worker jar found"
              + (jar == null ? " under " + root.resolve("worker/target") : ": " + jar)
              + ".\nBuild it first at the project root:  mvn -q -DskipTests package\n"
              + "or point at a running instance with --url http://localhost:8080 [--pid <pid>].");
      return 2;
    }

    AppProcess app = null;
    RealSetup real = null;
    Api api;
    Long pid = o.pid;
    try {
      if (o.real()) {
        Optional<Path> cli = DevServer.cli();
        if (cli.isEmpty()) {
          System.err.println("No Temporal CLI found (RUNWAY_TEMPORAL_CLI, `temporal` on the PATH, or " + DevServer.TOOL_CACHES.getFirst()
              + "). Install it, or run on the in-process test server with --temporal test.");
          return 2;
        }
        Files.createDirectories(outDir);
        System.out.println("Starting the Temporal dev server (" + cli.get() + "), PostgreSQL and the identity provider...");
        real = RealSetup.start(cli.get(), outDir.resolve(stamp + "-temporal.log"));
        setup = real;
        System.out.printf("Temporal on %s, PostgreSQL on port %d%n", real.temporal.target(), real.db.port());
        // both at once (Flyway's lock lets one migrate while the other waits): start-up is the smoke test's longest wait
        // read-model seeding (--queries) is the api process's: one process seeds
        real.worker = startRunway(real, "worker", jar, outDir, o.workerEnv,
            o.appArgs.stream().filter(a -> !a.startsWith("--runway.seed.")).toList());
        real.api = startRunway(real, "api", jar, outDir, Map.of(), o.appArgs);
        if (!awaitRunway(real.worker, "worker") || !awaitRunway(real.api, "api")) {
          return 3;
        }
        pid = real.worker.pid();
        api = new Api("http://localhost:" + real.api.port, real.identity::bearer);
      } else if (o.startApp) {
        Files.createDirectories(outDir);
        Path log = outDir.resolve(stamp + "-app.log");
        System.out.println("Starting " + jar + " with -Xmx" + o.xmx + " (log: " + log + ")");
        app = AppProcess.start(java, jar, o.xmx, o.jvmArgs, o.appArgs, log);
        pid = app.pid();
        api = new Api("http://localhost:" + app.port);
        long t0 = System.nanoTime();
        long readyTimeout = o.queries && o.seed > 0 ? 1_800_000 : 120_000;
        if (!app.awaitReady(api, readyTimeout)) {
          System.err.println("Runway did not become ready within " + readyTimeout / 1000 + " s (or exited); see " + log);
          return 3;
        }
        System.out.printf("Runway ready on port %d in %.1f s (pid %d)%n", app.port, (System.nanoTime() - t0) / 1e9, pid);
      } else {
        api = new Api(o.url);
        if (api.status("/actuator/health") != 200) {
          System.err.println("GET " + o.url + "/actuator/health did not answer 200");
          return 3;
        }
      }
      if (o.queries) {
        queries(api, pid);
      } else {
        benchmark(api, pid);
      }
    } finally {
      if (app != null) {
        System.out.println("Stopping Runway (SIGTERM)...");
        app.close();
      }
      if (real != null) {
        System.out.println("Stopping Runway, PostgreSQL and the Temporal server...");
        real.close();
      }
    }
    Path file = outDir.resolve(stamp + ".txt");
    report.writeTo(file);
    System.out.println("\nReport written to " + file);
    return 0;
  }

  /** Starts one Runway process in the external profile (without waiting for it). */
  private AppProcess startRunway(RealSetup real, String roles, Path jar, Path outDir, Map<String, String> extraEnv, List<String> appArgs)
      throws Exception {
    Path log = outDir.resolve(stamp + "-" + roles + ".log");
    System.out.println("Starting Runway " + roles + " process (external profile, -Xmx" + o.xmx + ", log: " + log + ")");
    return AppProcess.start(java, jar, o.xmx, o.jvmArgs, appArgs, real.runwayEnv(roles, extraEnv), log);
  }

  private boolean awaitRunway(AppProcess process, String roles) throws InterruptedException {
    long t0 = System.nanoTime();
    long timeout = o.queries && o.seed > 0 ? 1_800_000 : 180_000;
    if (!process.awaitReady(null, timeout)) {
      System.err.println("Runway " + roles + " did not become ready within " + timeout / 1000 + " s (or exited); see " + process.log);
      return false;
    }
    System.out.printf("Runway %s ready after a further %.1f s (pid %d, port %d, management port %d)%n", roles, (System.nanoTime() - t0) / 1e9,
        process.pid(), process.port, process.managementPort);
    return true;
  }

  private void plan(Path jar, Path outDir) {
    report.line("Runway benchmark -- DRY RUN (nothing is started or sent)");
    report.line("  project root     %s", root);
    if (o.startApp) {
      report.line("  app              start %s as a child process: %s -Xmx%s %s -jar <jar> --server.port=<free port> %s",
          jar == null ? "<no worker jar found: run `mvn -q -DskipTests package` first>" : jar, java, o.xmx,
          String.join(" ", o.jvmArgs), String.join(" ", o.appArgs));
      report.line("                   wait for GET /actuator/health/readiness = 200 (<= %d s); SIGTERM at the end / on failure",
          o.queries && o.seed > 0 ? 1800 : 120);
    } else {
      report.line("  app              already running at %s%s", o.url, o.pid == null ? " (no --pid: heap not measured)" : " pid " + o.pid);
    }
    if (o.queries) {
      report.line("  read model       %s", o.startApp && o.seed > 0 ? "seeded by the app at start-up: " + o.seed + " initiatives, "
          + (o.seedTasks > 0 ? o.seedTasks : o.seed * 10L) + " tasks (COPY; no workflows)" : "as the running instance holds it");
      report.line("  queries          inbox GET /api/v1/tasks, funnel, stalls, time in gate%s: %d samples each at concurrency %d",
          o.getPaths.isEmpty() ? "" : ", " + o.getPaths, o.samples, o.concurrency);
      report.line("  import           %s", o.importRows > 0 ? o.importRows + " CSV rows through POST /api/v1/initiatives/import" : "skipped");
      report.line("  targets          inbox p99 <= %d ms; funnel, stalls and time in gate p99 <= %d ms; %d rows imported in <= %d s",
          QueryBenchmark.INBOX_P99_BAR_MS, QueryBenchmark.PORTFOLIO_P99_BAR_MS, QueryBenchmark.IMPORT_ROWS_FOR_BAR,
          QueryBenchmark.IMPORT_BAR_SECONDS);
      return;
    }
    if (o.real()) {
      report.line("  set-up           Temporal dev server (%s, SQLite, free ports), PostgreSQL (zonky), Runway external profile as an api and a worker process, -Xmx%s each",
          DevServer.cli().map(Path::toString).orElse("<no Temporal CLI found>"), o.xmx);
      report.line("  engines          %s, one after the other; each: warm-up %d launches (5 driven), P1 knee steps %s/s of %.0f s (stop when p99 > 150 ms or errors), P2 drive %d with %d reviewers",
          o.engines, o.warmup, o.kneeRates, o.kneeSeconds, o.drive, o.reviewers);
      report.line("  P4               Runway worker heap after GC at %s open workflows, growing at %.1f/s", o.heapSteps, o.heapRate);
      report.line("  report           stdout, %s/<timestamp>.txt, .md (side-by-side table) and .svg (chart)", outDir);
      return;
    }
    report.line("  warm-up          %d launches at %.1f/s and 5 of them driven to production, not measured", o.warmup, o.warmupRate);
    report.line("  phase A          %d x POST /api/v1/initiatives at %.1f/s open loop as %s, keys bench-<run>-<n>, tiers %s",
        o.launches, o.rate, Launcher.USER, o.riskMixText());
    report.line("  phase B          drive the first %d launched initiatives to IN_PRODUCTION with %d reviewers; inbox poll %d ms",
        Math.min(o.drive, o.launches), o.reviewers, o.pollMs);
    report.line("  phase C          heap after GC (jcmd GC.run; GC.heap_info) at %s open workflows, growing at %.1f/s (<= %d in flight)%s",
        o.heapSteps.isEmpty() ? "-" : o.heapSteps, o.heapRate, o.heapMaxInFlight,
        (o.startApp || o.pid != null) ? "" : " -- SKIPPED: no pid");
    report.line("  report           stdout and %s/<timestamp>.txt", outDir);
    report.line("  targets          launch >= %.0f/s with POST p99 <= %d ms; next task p50 <= %d ms, p99 <= %d ms; heap flat (<= x%.2f) from first to last step",
        LAUNCH_RATE_BAR, POST_P99_BAR_MS, NEXT_P50_BAR_MS, NEXT_P99_BAR_MS, o.heapFlatTolerance);
  }

  private void benchmark(Api api, Long pid) throws Exception {
    report.line("Runway benchmark  run %s  started %s", runId, stamp);
    report.section("Machine and parameters");
    report.line("  cpu              %d cores (%s), memory %s", Runtime.getRuntime().availableProcessors(), Machine.cpuModel(), Machine.memTotal());
    report.line("  os               %s %s", System.getProperty("os.name"), System.getProperty("os.version"));
    report.line("  harness JVM      %s %s", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
    if (pid != null) {
      report.line("  app JVM          pid %d: %s; GC %s; %s", pid, Machine.vmVersion(java, pid), Machine.gcName(java, pid),
          o.startApp ? "-Xmx" + o.xmx : "heap as configured by its owner");
    }
    report.line("  app              %s", setupText());
    if (setup == null) {
      report.line("  parameters       launches %d at %.1f/s, risk mix %s, drive %d with %d reviewers (poll %d ms), heap steps %s at %.1f/s (<= %d in flight)",
          o.launches, o.rate, o.riskMixText(), o.drive, o.reviewers, o.pollMs, o.heapSteps, o.heapRate, o.heapMaxInFlight);
    }
    if (!o.jvmArgs.isEmpty()) {
      report.line("  app JVM options  %s", String.join(" ", o.jvmArgs));
    }

    Launcher launcher = new Launcher(api, runId, o.riskMix);
    if (setup != null) {
      report.line("  comparison       engines %s; P1 knee steps %s/s of %.0f s each; drive %d; risk mix %s", o.engines, o.kneeRates, o.kneeSeconds,
          o.drive, o.riskMixText());
    }
    List<String[]> checks = new ArrayList<>();
    int openWorkflows = 0;

    long[] cpu0;
    double app0;
    double own0;
    ComparisonRun comparison = null;
    if (setup != null) {
      comparison = new ComparisonRun(o, report, setup, runId, java, outDir, stamp);
      comparison.run(api);
      openWorkflows = comparison.runwayOpen;
      // the heap phase launches on keys of its own
      launcher = new Launcher(api, runId + "h", o.riskMix);
    } else {
      // ---- warm-up: the same calls on their own client, so none of it reaches the figures
      if (o.warmup > 0) {
        report.section("Warm-up (not measured)");
        Api warmApi = api.fresh();
        Launcher warm = new Launcher(warmApi, runId + "w", o.riskMix);
        long t0 = System.nanoTime();
        Launcher.Result w = warm.run("warmup", o.warmup, o.warmupRate, 32);
        openWorkflows += w.created.get();
        List<String> wk = w.createdKeysInOrder();
        Driver.Result wd = new Driver(warmApi, o.pollMs).run(wk.subList(0, Math.min(5, wk.size())), Math.min(5, o.reviewers));
        report.line("  %d launches (%s, POST p50 %s), %d/%d driven to production, in %.1f s", o.warmup, w.statusCounts(),
            Report.ms(w.latencyMicros.getValueAtPercentile(50)), wd.inProduction.get(), wd.driven, (System.nanoTime() - t0) / 1e9);
        wd.failures.stream().limit(3).forEach(f -> report.line("    failed: %s", f));
        awaitSettled(api);
      }

      // ---- phase A
      report.section("Phase A: launches (POST /api/v1/initiatives, open loop)");
      cpu0 = Machine.cpuJiffies();
      markCpu();
      app0 = pid == null ? -1 : Machine.cpuSeconds(pid);
      own0 = Machine.ownCpuSeconds();
      Launcher.Result a = launcher.run("A", o.launches, o.rate);
      cpuLine(cpu0, app0, own0, pid, a.elapsedSeconds());
      launchLines(a);
      boolean rateBarApplies = o.rate >= LAUNCH_RATE_BAR;
      long p99 = a.latencyMicros.getValueAtPercentile(99);
      checks.add(new String[] {"launch rate", String.format("%.2f/s", a.achievedRate()), ">= " + (int) LAUNCH_RATE_BAR + "/s",
          !rateBarApplies ? "n/a" : verdict(a.achievedRate() >= LAUNCH_RATE_BAR * (1 - RATE_TOLERANCE) && a.created.get() == a.requested)});
      checks.add(new String[] {"POST /initiatives p99", Report.ms(p99), "<= " + POST_P99_BAR_MS + " ms",
          a.latencyMicros.getTotalCount() == 0 ? "n/a" : verdict(p99 <= POST_P99_BAR_MS * 1000)});
      if (!rateBarApplies) {
        report.line("  (offered rate %.1f/s is below the %.0f/s bar: the rate check is n/a)", o.rate, LAUNCH_RATE_BAR);
      }
      openWorkflows += a.created.get();

      // ---- phase B
      Driver.Result b = null;
      if (o.drive > 0) {
        List<String> keys = a.createdKeysInOrder();
        keys = keys.subList(0, Math.min(o.drive, keys.size()));
        report.section("Phase B: drive " + keys.size() + " initiatives through their gates (" + o.reviewers + " reviewers)");
        Map<String, Long> tiers = keys.stream().collect(Collectors.groupingBy(a.tierByKey::get, TreeMap::new, Collectors.counting()));
        report.line("  tiers            %s", tiers);
        cpu0 = Machine.cpuJiffies();
        markCpu();
        app0 = pid == null ? -1 : Machine.cpuSeconds(pid);
          own0 = Machine.ownCpuSeconds();
        Driver driver = new Driver(api, o.pollMs);
        b = driver.run(keys, o.reviewers);
        cpuLine(cpu0, app0, own0, pid, b.elapsedNanos / 1e9);
        report.line("  in production    %d of %d in %.1f s total", b.inProduction.get(), b.driven, b.elapsedNanos / 1e9);
        report.line("  next task visible (task completed -> next gate's task in the inbox)");
        report.line("                   %s", Report.percentiles(b.nextVisibleMicros));
        new TreeMap<>(b.nextVisibleByGate).forEach((gate, h) -> report.line("    %-42s %s", gate, Report.percentiles(h)));
        report.line("  handover approved -> stage IN_PRODUCTION   %s", Report.percentiles(b.productionVisibleMicros));
        report.line("  per initiative (first gate -> production)  %s", Report.percentiles(b.perInitiativeMicros));
        report.line("  tasks completed per gate   %s", b.gateCounts());
        report.line("  integration tickets resolved %d; next task not (yet) in its group's own inbox query when confirmed: %d",
            b.ticketsResolved.get(), b.confirmMisses.get());
        report.line("  completions refused as not yet approvable (data readiness before its metrics were read) and retried: %d",
            driver.notYetActionable.get());
        if (!b.failures.isEmpty()) {
          report.line("  FAILED initiatives: %d", b.failures.size());
          b.failures.stream().limit(10).forEach(f -> report.line("    %s", f));
        }
        long np50 = b.nextVisibleMicros.getValueAtPercentile(50);
        long np99 = b.nextVisibleMicros.getValueAtPercentile(99);
        boolean any = b.nextVisibleMicros.getTotalCount() > 0;
        checks.add(new String[] {"next task visible p50", Report.ms(np50), "<= " + NEXT_P50_BAR_MS + " ms", any ? verdict(np50 <= NEXT_P50_BAR_MS * 1000) : "n/a"});
        checks.add(new String[] {"next task visible p99", Report.ms(np99), "<= " + NEXT_P99_BAR_MS + " ms", any ? verdict(np99 <= NEXT_P99_BAR_MS * 1000) : "n/a"});
        checks.add(new String[] {"driven to IN_PRODUCTION", b.inProduction.get() + "/" + b.driven, "all", verdict(b.inProduction.get() == b.driven)});
      }
    }

    // ---- phase C
    if (!o.heapSteps.isEmpty()) {
      report.section("Phase C: heap after GC as open workflows grow");
      if (pid == null) {
        report.line("  skipped: the app's pid is unknown (use --start-app, or --url with --pid)");
        checks.add(new String[] {"heap flat " + o.heapSteps.getFirst() + " -> " + o.heapSteps.getLast(), "-", "<= x" + o.heapFlatTolerance, "n/a"});
      } else {
        List<long[]> points = new ArrayList<>();
        for (int step : o.heapSteps) {
          int need = step - openWorkflows;
          if (need > 0) {
            cpu0 = Machine.cpuJiffies();
            markCpu();
            app0 = Machine.cpuSeconds(pid);
            own0 = Machine.ownCpuSeconds();
            Launcher.Result c = launcher.run("C" + step, need, o.heapRate, o.heapMaxInFlight);
            openWorkflows += c.created.get();
            report.line("  grow to %d: %d launches at %.1f/s offered (<= %d in flight) -> %.2f/s achieved, POST %s, statuses %s",
                step, need, o.heapRate, o.heapMaxInFlight, c.achievedRate(), Report.percentiles(c.latencyMicros), c.statusCounts());
            c.errorSamples.forEach(s -> report.line("    e.g. %s", s));
            cpuLine(cpu0, app0, own0, pid, c.elapsedSeconds());
          }
          long settle = awaitSettled(api);
          long heap = Machine.heapAfterGc(java, pid);
          long rss = Machine.rssKb(pid);
          String actuator = actuatorHeap(setup != null ? new Api("http://localhost:" + setup.worker.managementPort) : api);
          report.line("  %6d open workflows (launched OK by this run, warm-up included): heap after GC %s, RSS %s%s%s", openWorkflows, Report.mib(heap),
              rss < 0 ? "?" : Report.mib(rss * 1024), actuator, settle < 0 ? "  [first-gate tasks still being created when measured]" : "");
          points.add(new long[] {openWorkflows, heap});
          heapPoints.add(new long[] {openWorkflows, heap});
        }
        if (points.size() >= 2) {
          long[] first = points.getFirst();
          long[] last = points.getLast();
          double ratio = (double) last[1] / first[1];
          double perWorkflow = (double) (last[1] - first[1]) / Math.max(1, last[0] - first[0]);
          report.line("  ratio %d -> %d: x%.2f (%+.0f bytes per added open workflow)", first[0], last[0], ratio, perWorkflow);
          checks.add(new String[] {"heap after GC " + first[0] + " -> " + last[0], String.format("x%.2f", ratio), "<= x" + o.heapFlatTolerance + " (flat)", verdict(ratio <= o.heapFlatTolerance)});
        }
      }
    }

    SideBySide table = comparison == null ? null : new SideBySide(comparison.figures, heapPoints);

    // ---- every endpoint, to name slow ones and unexpected statuses
    report.section("Endpoints (all phases)");
    for (Map.Entry<String, Api.EndpointStats> e : api.sortedStats().entrySet()) {
      Map<String, Integer> statuses = new TreeMap<>();
      e.getValue().statuses.forEach((k, v) -> statuses.put(k, v.get()));
      report.line("  %-50s %s  %s", e.getKey(), Report.percentiles(e.getValue().micros), statuses);
      e.getValue().samples.forEach(s -> report.line("      e.g. %s", s));
    }

    if (!checks.isEmpty()) {
      report.section("Verdict against the PRODUCT.md quality bars");
      for (String[] c : checks) {
        report.check(c[0], c[1], c[2], c[3].equals("n/a") ? null : c[3].equals("PASS"));
      }
    }
    if (table != null) {
      table.print(report);
      table.write(outDir, stamp, "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + Machine.cpuModel() + "), "
          + Machine.memTotal() + ". Set-up: " + setupText() + ". Options: " + String.join(" ", o.args) + ".");
      report.line("");
      report.line("Table written to %s, chart to %s", outDir.resolve(stamp + ".md"), outDir.resolve(stamp + ".svg"));
      sideBySideVerdicts = table.verdicts;
    }
  }

  /** The comparison's verdict rows once the run is over (null on the test server). */
  List<String[]> sideBySideVerdicts;

  /** The read side at portfolio scale: see {@link QueryBenchmark}. */
  private void queries(Api api, Long pid) throws Exception {
    report.line("Runway benchmark (queries)  run %s  started %s", runId, stamp);
    report.section("Machine and parameters");
    report.line("  cpu              %d cores (%s), memory %s", Runtime.getRuntime().availableProcessors(), Machine.cpuModel(), Machine.memTotal());
    if (pid != null) {
      report.line("  app JVM          pid %d: %s; %s", pid, Machine.vmVersion(java, pid), o.startApp ? "-Xmx" + o.xmx : "heap as configured by its owner");
    }
    report.line("  app              %s%s", setupText(),
        o.startApp && o.seed > 0 ? ", read model seeded with " + o.seed + " initiatives / " + (o.seedTasks > 0 ? o.seedTasks : o.seed * 10L) + " tasks" : "");
    report.line("  parameters       %d samples per query at concurrency %d, extra paths %s%s, import %d rows",
        o.samples, o.concurrency, o.getPaths, o.loginForm ? " (form login as " + o.pathUser + ")" : "", o.importRows);
    long[] cpu0 = Machine.cpuJiffies();
    markCpu();
    double app0 = pid == null ? -1 : Machine.cpuSeconds(pid);
    double own0 = Machine.ownCpuSeconds();
    long t0 = System.nanoTime();
    List<String[]> checks = new QueryBenchmark(api, o, report, runId).run();
    report.section("CPU");
    cpuLine(cpu0, app0, own0, pid, (System.nanoTime() - t0) / 1e9);
    report.section("Verdict");
    for (String[] c : checks) {
      report.check(c[0], c[1], c[2], c[3].equals("n/a") ? null : c[3].equals("PASS"));
    }
  }

  private static String verdict(boolean pass) {
    return pass ? "PASS" : "MISS";
  }

  private void launchLines(Launcher.Result r) {
    report.line("  requested        %d at %.1f/s offered", r.requested, r.offeredRate);
    report.line("  achieved         %.2f launches/s (%d answered 201 in %.2f s, first send -> last answer)", r.achievedRate(), r.created.get(), r.elapsedSeconds());
    report.line("  POST latency     %s", Report.percentiles(r.latencyMicros));
    report.line("  harness send lag %s  (how late requests left versus their schedule)", Report.percentiles(r.sendLagMicros));
    report.line("  statuses         %s", r.statusCounts());
    r.errorSamples.forEach(s -> report.line("    e.g. %s", s));
  }

  private CpuMeter meter;
  /** Phase C: open workflows -> heap after GC (bytes) of the worker (real server) or the app. */
  final List<long[]> heapPoints = new ArrayList<>();
  private Path outDir;
  private Map<String, Double> cpuMark;
  /** CPU seconds per process group over the phase the last cpuLine closed (real server only). */
  Map<String, Double> lastCpu = Map.of();

  private String setupText() {
    if (setup != null) {
      return "started by the harness: Temporal dev server " + setup.temporal.target() + " (SQLite), PostgreSQL :" + setup.db.port()
          + ", Runway external profile as api pid " + setup.api.pid() + " + worker pid " + setup.worker.pid()
          + (o.workerEnv.isEmpty() ? " (worker settings: application defaults)" : " (worker env " + o.workerEnv + ")");
    }
    return o.startApp ? "started by the harness (embedded default profile, in-process Temporal test server)" : o.url;
  }

  private void markCpu() {
    if (setup != null && meter == null) {
      RealSetup s = setup;
      meter = s.cpuMeter("runway api+worker", s::runwayPids)
          .process("harness", ProcessHandle.current().pid());
    }
    cpuMark = meter == null ? null : meter.sample();
  }

  private void cpuLine(long[] before, double app0, double own0, Long pid, double seconds) {
    if (meter != null && cpuMark != null) {
      lastCpu = CpuMeter.delta(cpuMark, meter.sample());
      report.line("  cpu (/proc)      %s over %.1f s", CpuMeter.format(lastCpu), seconds);
    }
    double busy = Machine.busyPercent(before, Machine.cpuJiffies());
    double appCpu = pid == null || app0 < 0 ? -1 : Machine.cpuSeconds(pid) - app0;
    double own = Machine.ownCpuSeconds() - own0;
    int cores = Runtime.getRuntime().availableProcessors();
    // the embedded postgres daemonizes (it is not a descendant of the app), so it shows up in "the rest"
    double rest = busy < 0 || appCpu < 0 ? -1 : busy / 100 * cores * seconds - appCpu - own;
    report.line("  cpu              machine %.0f%% busy over %.1f s; app JVM %s; harness %.1f s cpu (%.0f%% of one core); rest (postgres, OS) %s",
        busy, seconds,
        appCpu < 0 ? "?" : String.format("%.1f s cpu (%.0f%% of %d cores)", appCpu, 100 * appCpu / Math.max(0.001, seconds) / cores, cores),
        own, 100 * own / Math.max(0.001, seconds),
        rest < 0 ? "?" : String.format("%.1f s cpu", Math.max(0, rest)));
  }

  /** Waits until no initiative is left in INTAKE (each reached its first gate); -1 if it timed out. */
  private long awaitSettled(Api api) throws InterruptedException {
    long t0 = System.currentTimeMillis();
    long deadline = t0 + 300_000;
    while (System.currentTimeMillis() < deadline) {
      Api.Response r = api.get("GET /initiatives?stage=INTAKE", "/api/v1/initiatives?stage=INTAKE&size=1", Driver.AUDITOR);
      if (r.ok() && r.json().path("total").asLong(-1) == 0) {
        return System.currentTimeMillis() - t0;
      }
      if (!r.ok() && r.status() != -1) {
        return -1; // cannot tell; measure anyway
      }
      Thread.sleep(1000);
    }
    return -1;
  }

  private String actuatorHeap(Api api) {
    Api.Response r = api.get("GET /actuator/metrics/jvm.memory.used", "/actuator/metrics/jvm.memory.used?tag=area:heap", Driver.AUDITOR);
    if (!r.ok()) {
      return "";
    }
    for (JsonNode m : r.json().path("measurements")) {
      if ("VALUE".equals(m.path("statistic").asText())) {
        return ", actuator jvm.memory.used(heap) " + Report.mib(m.path("value").asLong());
      }
    }
    return "";
  }
}
