package io.runway.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Command-line options; every one has a default so that a bare run is the documented full benchmark. */
final class Options {

  static final String USAGE =
      """
      Runway benchmark: measures a Runway instance over HTTP as its users would.

      usage: java -jar bench/target/runway-bench.jar [options]

        --start-app              start the worker jar as a child process (default)
        --temporal MODE          dev (default): a real Temporal server (the CLI's `temporal server start-dev`, SQLite),
                                 PostgreSQL and Runway as two processes (api, worker) in the external profile;
                                 test: one embedded-profile process on the in-process test server (the old set-up)
        --worker-env K=V         environment for the worker process in --temporal dev (repeatable),
                                 e.g. --worker-env RUNWAY_WORKER_CACHE_SIZE=1000
        --jar PATH               worker jar (default: <root>/worker/target/runway-worker-*.jar)
        --xmx SIZE               heap of the started app (default 2g)
        --java PATH              java binary for the app and its jcmd (default: $JAVA_HOME/bin/java, else this JVM's)
        --app-arg ARG            extra argument for the app (repeatable), e.g. --app-arg=--logging.level.root=WARN
        --jvm-arg ARG            extra JVM option for the app (repeatable), e.g. --jvm-arg=-XX:StartFlightRecording=filename=app.jfr
        --url URL                benchmark an already running instance instead (only localhost is accepted)
        --pid PID                with --url: the app's pid, so heap after GC can still be measured
        --full                   the complete side-by-side run (about 45-60 min on 2 cores): warm-up 200, knee steps
                                 10,20,30,40,60,80,100,120/s of 30 s each, drive 200, heap steps 1000,10000,50000 at 100/s
        --smoke                  a tiny run of every part (about 3 min): knee 5,10/s of 3 s, drive 3, heap step 80
        --engines LIST           which engines the real-server run compares (default runway,temporal,flowable)
        --knee-rates R,R         P1: offered launch rates to step through, until p99 > 150 ms or errors (default 10,20,30,40,60,80)
        --knee-seconds S         P1: seconds per step (default 15)
        --knee-pause-ms MS       P1: pause between steps (default 3000)
        --baseline-activities N  activities per phase of the raw-Temporal baseline when Runway's history was not measured (default 3)
        --warmup N               launches (and drives 5 of them) before measuring, so JIT warm-up is not measured (default 100, 0 = none)
        --warmup-rate R          launches per second during warm-up (default 10)
        --launches N             phase A: initiatives to launch (default 600)
        --rate R                 phase A: target launches per second, open loop (default 20)
        --risk-mix SPEC          tier weights, e.g. MINIMAL=90,LIMITED=7,HIGH=3 (default)
        --drive N                phase B / P2: drive the first N launched initiatives to IN_PRODUCTION (default 50, 0 = skip)
        --reviewers N            phase B: concurrent simulated reviewers (default 8)
        --poll-ms MS             phase B: inbox poll interval (default 10)
        --heap-steps N,N         phase C: open-workflow counts to measure heap after GC at (default 1000,10000; none = skip)
        --heap-rate R            phase C: launches per second while growing to a step (default 50)
        --heap-max-in-flight N   phase C: at most N launches in flight while growing (default 16), so a saturated app is not flooded
        --heap-flat-tolerance F  phase C: "flat" means last/first step heap <= F (default 1.25)
        --out DIR                report folder (default <root>/bench-results)

      Read side at portfolio scale (instead of phases A-C):
        --queries                measure the inbox API query, funnel, stalls, time in gate (and --get-path, --import-rows)
        --seed N                 with --queries and a started app: seed N initiatives into its read model first
                                 (passes --runway.seed.initiatives=N; default 100000, 0 = none)
        --seed-tasks N           tasks to seed (default 10 per initiative)
        --samples N              measured requests per query (default 1000)
        --concurrency N          requests in flight per query, closed loop (default 2: one per core of the benchmark machine)
        --get-path PATH          also measure GET PATH (repeatable), e.g. --get-path /console/inbox
        --path-user USER         user for --get-path (default security-1)
        --login-form             send --get-path with a session from the console's form login (/login) instead of HTTP Basic
        --import-rows N          time importing N rows as one CSV through POST /api/v1/initiatives/import (default 5000, 0 = skip)
        --dry-run                print the plan and exit
        --help
      """;

  private static final Set<String> VALUED =
      Set.of("--jar", "--xmx", "--java", "--app-arg", "--url", "--pid", "--launches", "--rate", "--risk-mix",
          "--drive", "--reviewers", "--poll-ms", "--heap-steps", "--heap-rate", "--heap-flat-tolerance", "--out",
          "--jvm-arg", "--warmup", "--warmup-rate", "--heap-max-in-flight", "--seed", "--seed-tasks", "--samples",
          "--concurrency", "--get-path", "--path-user", "--import-rows", "--temporal", "--worker-env", "--engines", "--knee-rates",
          "--knee-seconds", "--knee-pause-ms", "--baseline-activities");

  boolean startApp = true;
  /** dev: real Temporal server + external profile (api and worker processes); test: embedded profile. */
  String temporal = "dev";
  Map<String, String> workerEnv = new LinkedHashMap<>();
  /** Engines of the side-by-side run (real server only). */
  List<String> engines = new ArrayList<>(List.of("runway", "temporal", "flowable"));
  List<Double> kneeRates = new ArrayList<>(List.of(10.0, 20.0, 30.0, 40.0, 60.0, 80.0));
  double kneeSeconds = 15;
  long kneePauseMs = 3000;
  int baselineActivities = 3;
  boolean full;
  boolean smoke;
  Path jar;
  String xmx = "2g";
  String java;
  List<String> appArgs = new ArrayList<>();
  List<String> jvmArgs = new ArrayList<>();
  int warmup = 100;
  double warmupRate = 10;
  int heapMaxInFlight = 16;
  String url;
  Long pid;
  int launches = 600;
  double rate = 20;
  Map<String, Integer> riskMix;
  int drive = 50;
  int reviewers = 8;
  int pollMs = 10;
  List<Integer> heapSteps = new ArrayList<>(List.of(1000, 10000));
  double heapRate = 50;
  double heapFlatTolerance = 1.25;
  Path out;
  boolean dryRun;
  boolean help;

  /** Runway on a real Temporal server, as api and worker processes the harness starts. */
  boolean real() {
    return startApp && temporal.equals("dev");
  }
  boolean queries;
  int seed = 100_000;
  int seedTasks;
  int samples = 1000;
  int concurrency = 2;
  List<String> getPaths = new ArrayList<>();
  String pathUser = "security-1";
  boolean loginForm;
  int importRows = 5000;

  /** Unmeasured requests before each measured query: a fifth of the samples, at least 50. */
  int querWarmup() {
    return Math.max(50, samples / 5);
  }

  /** The command line as given, for the results file. */
  List<String> args = List.of();

  static Options parse(String[] args) {
    Options o = new Options();
    o.args = List.of(args);
    o.riskMix = new LinkedHashMap<>();
    o.riskMix.put("MINIMAL", 90);
    o.riskMix.put("LIMITED", 7);
    o.riskMix.put("HIGH", 3);
    // presets first, so any option given beside them still wins
    if (List.of(args).contains("--full")) {
      o.warmup = 200;
      o.kneeRates = new ArrayList<>(List.of(10.0, 20.0, 30.0, 40.0, 60.0, 80.0, 100.0, 120.0));
      o.kneeSeconds = 30;
      o.drive = 200;
      o.heapSteps = new ArrayList<>(List.of(1000, 10000, 50000));
      o.heapRate = 100;
    } else if (List.of(args).contains("--smoke")) {
      o.warmup = 10;
      o.kneeRates = new ArrayList<>(List.of(5.0, 10.0));
      o.kneeSeconds = 3;
      o.kneePauseMs = 1000;
      o.drive = 3;
      o.reviewers = 3;
      o.heapSteps = new ArrayList<>(List.of(80));
      o.xmx = "512m";
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--start-app" -> o.startApp = true;
        case "--dry-run" -> o.dryRun = true;
        case "--queries" -> o.queries = true;
        case "--full" -> o.full = true;
        case "--smoke" -> o.smoke = true;
        case "--login-form" -> o.loginForm = true;
        case "--help", "-h" -> o.help = true;
        default -> {
          if (!VALUED.contains(arg)) {
            throw new IllegalArgumentException("unknown option " + arg + "\n\n" + USAGE);
          }
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(arg + " needs a value");
            }
            value = args[++i];
          }
          o.set(arg, value);
        }
      }
    }
    if (o.url != null) {
      o.startApp = false;
      String host = URI.create(o.url).getHost();
      if (!List.of("localhost", "127.0.0.1", "::1", "[::1]").contains(host)) {
        throw new IllegalArgumentException("--url must point at localhost, not " + host);
      }
      o.url = o.url.replaceAll("/+$", "");
    }
    if (o.samples < 1 || o.concurrency < 1 || o.seed < 0 || o.seedTasks < 0 || o.importRows < 0) {
      throw new IllegalArgumentException("--samples and --concurrency must be positive; --seed, --seed-tasks, --import-rows non-negative");
    }
    if (o.queries && o.startApp && o.seed > 0) {
      o.appArgs.add("--runway.seed.initiatives=" + o.seed);
      if (o.seedTasks > 0) {
        o.appArgs.add("--runway.seed.tasks=" + o.seedTasks);
      }
    }
    if (o.rate <= 0 || o.heapRate <= 0 || o.warmupRate <= 0 || o.heapMaxInFlight < 1 || o.warmup < 0 || o.reviewers < 1 || o.pollMs < 1 || o.launches < 0 || o.drive < 0) {
      throw new IllegalArgumentException("rates, reviewers and poll interval must be positive, counts non-negative");
    }
    return o;
  }

  private void set(String name, String value) {
    switch (name) {
      case "--jar" -> jar = Path.of(value);
      case "--engines" -> {
        engines = new ArrayList<>();
        for (String e : value.toLowerCase(Locale.ROOT).split(",")) {
          if (!List.of("runway", "temporal", "flowable").contains(e.trim())) {
            throw new IllegalArgumentException("--engines takes runway, temporal, flowable (comma-separated), not " + e);
          }
          engines.add(e.trim());
        }
      }
      case "--knee-rates" -> {
        kneeRates = new ArrayList<>();
        for (String r : value.split(",")) {
          kneeRates.add(Double.parseDouble(r.trim()));
        }
      }
      case "--knee-seconds" -> kneeSeconds = Double.parseDouble(value);
      case "--knee-pause-ms" -> kneePauseMs = Long.parseLong(value);
      case "--baseline-activities" -> baselineActivities = Integer.parseInt(value);
      case "--temporal" -> {
        if (!value.equals("dev") && !value.equals("test")) {
          throw new IllegalArgumentException("--temporal is dev (a real Temporal server) or test (the in-process test server), not " + value);
        }
        temporal = value;
      }
      case "--worker-env" -> {
        int eq = value.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--worker-env takes NAME=VALUE, not " + value);
        }
        workerEnv.put(value.substring(0, eq), value.substring(eq + 1));
      }
      case "--xmx" -> xmx = value;
      case "--java" -> java = value;
      case "--app-arg" -> appArgs.add(value);
      case "--jvm-arg" -> jvmArgs.add(value);
      case "--warmup" -> warmup = Integer.parseInt(value);
      case "--warmup-rate" -> warmupRate = Double.parseDouble(value);
      case "--heap-max-in-flight" -> heapMaxInFlight = Integer.parseInt(value);
      case "--url" -> url = value;
      case "--pid" -> pid = Long.parseLong(value);
      case "--launches" -> launches = Integer.parseInt(value);
      case "--rate" -> rate = Double.parseDouble(value);
      case "--risk-mix" -> riskMix = parseMix(value);
      case "--drive" -> drive = Integer.parseInt(value);
      case "--reviewers" -> reviewers = Integer.parseInt(value);
      case "--poll-ms" -> pollMs = Integer.parseInt(value);
      case "--heap-steps" -> heapSteps = parseSteps(value);
      case "--heap-rate" -> heapRate = Double.parseDouble(value);
      case "--heap-flat-tolerance" -> heapFlatTolerance = Double.parseDouble(value);
      case "--out" -> out = Path.of(value);
      case "--seed" -> seed = Integer.parseInt(value);
      case "--seed-tasks" -> seedTasks = Integer.parseInt(value);
      case "--samples" -> samples = Integer.parseInt(value);
      case "--concurrency" -> concurrency = Integer.parseInt(value);
      case "--get-path" -> getPaths.add(value.startsWith("/") ? value : "/" + value);
      case "--path-user" -> pathUser = value;
      case "--import-rows" -> importRows = Integer.parseInt(value);
      default -> throw new IllegalArgumentException("unknown option " + name + "\n\n" + USAGE);
    }
  }

  private static Map<String, Integer> parseMix(String spec) {
    Map<String, Integer> mix = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.trim().split("[=:]");
      String tier = kv[0].trim().toUpperCase(Locale.ROOT);
      if (!List.of("MINIMAL", "LIMITED", "HIGH").contains(tier)) {
        throw new IllegalArgumentException("risk tier " + tier + " cannot be benchmarked (MINIMAL, LIMITED, HIGH)");
      }
      mix.put(tier, kv.length > 1 ? Integer.parseInt(kv[1].trim()) : 1);
    }
    if (mix.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
      throw new IllegalArgumentException("--risk-mix needs a positive weight");
    }
    return mix;
  }

  private static List<Integer> parseSteps(String spec) {
    List<Integer> steps = new ArrayList<>();
    if (spec.isBlank() || spec.equalsIgnoreCase("none") || spec.equals("0")) {
      return steps;
    }
    for (String part : spec.split(",")) {
      steps.add(Integer.parseInt(part.trim()));
    }
    steps.sort(Integer::compare);
    return steps;
  }

  String riskMixText() {
    StringBuilder text = new StringBuilder();
    riskMix.forEach((k, v) -> text.append(text.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return text.toString();
  }
}
