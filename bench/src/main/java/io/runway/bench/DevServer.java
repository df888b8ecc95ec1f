package io.runway.bench;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Temporal server: the Temporal CLI's {@code server start-dev} on free ports with a temporary
 * SQLite file, as a child process the harness stops at the end. The binary is {@code RUNWAY_TEMPORAL_CLI},
 * else {@code temporal} on the PATH, else the project's tool cache ({@code /root/.cache/runway/venv/bin/temporal}).
 */
final class DevServer implements AutoCloseable {

  static final List<Path> TOOL_CACHES =
      List.of(Path.of("/root/.cache/runway/venv/bin/temporal"), Path.of("/root/.cache/runway-tools/bin/temporal"));

  final Process process;
  final int port;
  final Path dir;
  final WorkflowServiceStubs service;

  private DevServer(Process process, int port, Path dir, WorkflowServiceStubs service) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.service = service;
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  static Optional<Path> cli() {
    String configured = System.getenv("RUNWAY_TEMPORAL_CLI");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(entry, "temporal");
      if (!entry.isBlank() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return TOOL_CACHES.stream().filter(Files::isExecutable).findFirst();
  }

  static DevServer start(Path cli, Path log) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("runway-bench-temporal-");
    IOException last = null;
    for (int tries = 0; tries < 3; tries++) {
      int port = AppProcess.freePort();
      List<String> command = new ArrayList<>(List.of(cli.toString(), "server", "start-dev", "--headless", "--ip", "127.0.0.1",
          "--port", String.valueOf(port), "--http-port", String.valueOf(AppProcess.freePort()),
          "--metrics-port", String.valueOf(AppProcess.freePort()), "--ui-port", String.valueOf(AppProcess.freePort()),
          "--db-filename", dir.resolve("temporal.db").toString(), "--log-level", "error"));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).setRpcTimeout(Duration.ofSeconds(30)).build());
      if (awaitServing(process, service)) {
        DevServer server = new DevServer(process, port, dir, service);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-temporal"));
        return server;
      }
      service.shutdownNow();
      stop(process);
      last = new IOException("the Temporal dev server on port " + port + " did not start; see " + log);
    }
    throw last;
  }

  /** The server process and its descendants (the CLI may be a wrapper that starts the real binary). */
  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    pids.add(process.pid());
    process.descendants().forEach(p -> pids.add(p.pid()));
    return pids;
  }

  /** Size of the SQLite store (database file and its write-ahead log). */
  long storeBytes() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("temporal.db")).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  private static boolean awaitServing(Process process, WorkflowServiceStubs service) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && process.isAlive()) {
      try {
        service.healthCheck();
        service.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
        return true;
      } catch (RuntimeException notYet) {
        Thread.sleep(250);
      }
    }
    return false;
  }

  @Override
  public synchronized void close() {
    if (!process.isAlive()) {
      return;
    }
    service.shutdownNow();
    stop(process);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
