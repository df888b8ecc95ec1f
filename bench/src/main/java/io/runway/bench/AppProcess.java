package io.runway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The worker app as a child process. Stopped with SIGTERM (Process.destroy) so the embedded
 * PostgreSQL shuts down with it; a SIGKILLed app would leave postgres and /tmp/epg* behind.
 */
final class AppProcess implements AutoCloseable {

  final Process process;
  final int port;
  /** The actuator's port: the app's own in the embedded profile, a separate one in the external profile. */
  final int managementPort;
  final Path log;

  private AppProcess(Process process, int port, int managementPort, Path log) {
    this.process = process;
    this.port = port;
    this.managementPort = managementPort;
    this.log = log;
  }

  static Path findJar(Path root) throws IOException {
    Path target = root.resolve("worker/target");
    if (Files.isDirectory(target)) {
      try (Stream<Path> files = Files.list(target)) {
        List<Path> jars =
            files
                .filter(p -> p.getFileName().toString().matches("runway-worker-.*\\.jar"))
                .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                .toList();
        if (!jars.isEmpty()) {
          return jars.getFirst();
        }
      }
    }
    return null;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  static AppProcess start(String java, Path jar, String xmx, List<String> jvmArgs, List<String> extraArgs, Path log)
      throws IOException {
    return start(java, jar, xmx, jvmArgs, extraArgs, Map.of(), log);
  }

  /**
   * Starts the jar with extra environment variables. With {@code SPRING_PROFILES_ACTIVE=external} in
   * {@code env}, the actuator gets its own free port ({@code RUNWAY_MANAGEMENT_PORT}).
   */
  static AppProcess start(String java, Path jar, String xmx, List<String> jvmArgs, List<String> extraArgs,
      Map<String, String> env, Path log) throws IOException {
    int port = freePort();
    boolean external = "external".equals(env.get("SPRING_PROFILES_ACTIVE"));
    int managementPort = external ? freePort() : port;
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx" + xmx);
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    command.addAll(extraArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // metrics are not exposed by default; the heap cross-check reads jvm.memory.used
    builder.environment().putIfAbsent("RUNWAY_ACTUATOR_ENDPOINTS", "health,info,metrics");
    builder.environment().putAll(env);
    if (external) {
      builder.environment().put("RUNWAY_MANAGEMENT_PORT", String.valueOf(managementPort));
    }
    Process process = builder.start();
    AppProcess app = new AppProcess(process, port, managementPort, log);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "stop-runway"));
    return app;
  }

  long pid() {
    return process.pid();
  }

  /** Polls /actuator/health until 200; false on timeout or if the process died. */
  boolean awaitReady(Api api, long timeoutMillis) throws InterruptedException {
    if (api == null || managementPort != port) {
      api = new Api("http://localhost:" + managementPort);
    }
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      // readiness: UP only once start-up (including any read-model seeding) has finished
      if (api.status("/actuator/health/readiness") == 200) {
        return true;
      }
      Thread.sleep(250);
    }
    return false;
  }

  @Override
  public synchronized void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy(); // SIGTERM
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        System.err.println("Runway did not stop within 60 s of SIGTERM; killing it (embedded postgres may be left behind)");
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
