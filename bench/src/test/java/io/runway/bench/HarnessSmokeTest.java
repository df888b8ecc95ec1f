package io.runway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's short run of the whole harness, so it cannot rot: the real Temporal dev server, PostgreSQL,
 * Runway as api and worker processes, the raw-Temporal baseline and Flowable, each launching a few
 * lifecycles and driving one to production. Checks that the side-by-side table carries a figure for
 * every engine, not that the figures meet their targets (that is the quiet full run's business).
 * Needs the worker jar (built by the reactor before this module) and the Temporal CLI; without them
 * it is skipped with a reason, except under CI=true, where it fails.
 */
class HarnessSmokeTest {

  @Test
  void everyEngineLaunchesAndDrivesALifecycleAndTheTableHasTheirFigures(@TempDir Path out) throws Exception {
    requireJarAndCli();

    RunwayBenchmark bench = new RunwayBenchmark(Options.parse(new String[] {"--smoke", "--warmup", "2", "--knee-rates", "4",
        "--knee-seconds", "1", "--knee-pause-ms", "0", "--drive", "1", "--reviewers", "1", "--heap-steps", "none",
        "--risk-mix", "MINIMAL=1", "--out", out.toString()}));

    assertThat(bench.run()).as("exit code").isZero();

    Path md;
    try (Stream<Path> files = Files.list(out)) {
      md = files.filter(p -> p.toString().endsWith(".md")).findFirst().orElseThrow(() -> new AssertionError("no results table in " + out));
    }
    Map<String, List<String>> rows = Files.readAllLines(md).stream()
        .filter(l -> l.startsWith("| ") && !l.startsWith("| figure") && !l.startsWith("|---"))
        .map(l -> Arrays.stream(l.split("\\|")).map(String::trim).filter(c -> !c.isEmpty()).toList())
        .collect(Collectors.toMap(List::getFirst, Function.identity(), (a, b) -> a));

    assertThat(rows.get("lifecycles driven to production")).as("Runway, raw Temporal, Flowable each drove its lifecycle")
        .startsWith("lifecycles driven to production", "1", "1", "1");
    for (String figure : List.of("P1 achieved launches/s at the knee (no knee: first step) (1/s)", "P2 next task visible p50 (ms)", "P5 CPU per 1,000 lifecycles (s)")) {
      assertThat(rows.get(figure).subList(1, 4)).as(figure + " for each engine").allSatisfy(v -> assertThat(Double.parseDouble(v)).isPositive());
    }
    assertThat(Double.parseDouble(rows.get("history per lifecycle: events").get(1))).as("Runway's history read from the server").isPositive();
    assertThat(Double.parseDouble(rows.get("history per lifecycle: events").get(2))).as("the baseline's history").isPositive();
    assertThat(rows.get("PostgreSQL growth per 1,000 lifecycles (MiB)").get(3)).as("Flowable's database growth").isNotEqualTo("-");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.filter(p -> p.toString().endsWith(".svg"))).as("the chart").hasSize(1);
    }
  }

  /** The read side (--queries) on the real server, tiny: a seeded read model, every query, an import. */
  @Test
  void theReadSideRunSeedsMeasuresEveryQueryAndImportsOnTheRealServer(@TempDir Path out) throws Exception {
    requireJarAndCli();

    RunwayBenchmark bench = new RunwayBenchmark(Options.parse(new String[] {"--queries", "--seed", "2000", "--samples", "30",
        "--import-rows", "40", "--out", out.toString()}));

    assertThat(bench.run()).as("exit code").isZero();

    String report;
    try (Stream<Path> files = Files.list(out)) {
      report = Files.readString(files.filter(p -> p.toString().endsWith(".txt")).findFirst()
          .orElseThrow(() -> new AssertionError("no report in " + out)));
    }
    assertThat(report).contains("initiatives 2000 ");
    for (String query : List.of("inbox GET /api/v1/tasks", "funnel", "stalls", "time in gate")) {
      assertThat(report).as(query + " measured, every answer 200").containsPattern(Pattern.quote(query) + " +n=30 .*statuses \\{200=30\\}");
    }
    assertThat(report).contains("job DONE: total 40, launched 40, already present 0, failed 0");
    for (String verdict : List.of("inbox API p99", "funnel p99", "stalls p99", "time in gate p99", "import 40 rows")) {
      assertThat(report).as("a verdict line for " + verdict).containsPattern("(?m)^  " + Pattern.quote(verdict) + " ");
    }
  }

  private static void requireJarAndCli() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    root = Files.exists(root.resolve("bench/pom.xml")) ? root : root.getParent();
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    String missing = AppProcess.findJar(root) == null ? "no worker jar under worker/target (build the worker first)"
        : DevServer.cli().isEmpty() ? "no Temporal CLI (RUNWAY_TEMPORAL_CLI, temporal on the PATH, or " + DevServer.TOOL_CACHES.getFirst() + ")" : null;
    if (missing != null) {
      if (ci) {
        throw new IllegalStateException(missing);
      }
      Assumptions.abort(missing);
    }
  }
}
