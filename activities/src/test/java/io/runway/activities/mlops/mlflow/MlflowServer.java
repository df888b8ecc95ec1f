package io.runway.activities.mlops.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code mlflow server} (PyPI {@code mlflow}, in the virtualenv .ci/run installs) on a free
 * port with a SQLite backend in a temporary directory, stopped with its child processes. Where MLflow
 * is not installed the tests using it are skipped with one loud line, except under CI=true, where a
 * missing MLflow fails them: CI must check the adapter against MLflow itself.
 */
final class MlflowServer implements AutoCloseable {

  /** Where .ci/run installs it; RUNWAY_MLFLOW_BIN overrides. */
  static final Path DEFAULT_BIN = Path.of(System.getProperty("user.home"), ".cache", "runway", "mlflow-venv", "bin", "mlflow");

  final URI baseUrl;
  private final Process process;
  private final Path dir;

  private MlflowServer(URI baseUrl, Process process, Path dir) {
    this.baseUrl = baseUrl;
    this.process = process;
    this.dir = dir;
  }

  static MlflowServer startOrSkip() {
    String configured = System.getenv("RUNWAY_MLFLOW_BIN");
    Path bin = configured == null || configured.isBlank() ? DEFAULT_BIN : Path.of(configured);
    if (!Files.isExecutable(bin)) {
      String why = "MLflow is not installed at " + bin + " (run .ci/run, or set RUNWAY_MLFLOW_BIN)";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(why + ": under CI the real-MLflow tests must run");
      }
      System.err.println("*** SKIPPED the real-MLflow tests: " + why + " ***");
      Assumptions.abort(why);
    }
    try {
      Path dir = Files.createTempDirectory("runway-mlflow-");
      int port = freePort();
      Process process = new ProcessBuilder(bin.toString(), "server", "--backend-store-uri", "sqlite:///" + dir.resolve("mlflow.db"),
          "--default-artifact-root", dir.resolve("artifacts").toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
          "--workers", "1")
          .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
      MlflowServer server = new MlflowServer(URI.create("http://127.0.0.1:" + port), process, dir);
      server.awaitHealthy(Duration.ofSeconds(120));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy(Duration timeout) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mlflow server exited: " + Files.readString(dir.resolve("server.log")));
      }
      try {
        HttpResponse<Void> health = http.send(HttpRequest.newBuilder(baseUrl.resolve("/health")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("mlflow server did not answer /health within " + timeout);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the server and the workers it forked (uvicorn, the job runner), then removes its files. */
  @Override
  public void close() {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    try {
      process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
