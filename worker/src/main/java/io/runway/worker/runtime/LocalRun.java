package io.runway.worker.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;

/**
 * A local run that keeps its data: the locked data directory and the Temporal dev server child.
 * Stopped when the application context closes, after the Temporal workers have drained (it is the
 * first disposable bean registered, so the last destroyed). A JVM shutdown hook is the backstop
 * when the start fails before a context exists; a kill -9 leaves the pid file that the next start
 * reads to stop the orphaned server.
 */
final class LocalRun implements DisposableBean {

  static final String BEAN_NAME = "runwayLocalRun";

  private final DataDirectory dataDirectory;
  private final TemporalDevServer devServer;
  private final String cliVersion;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean ownedByContext;

  LocalRun(DataDirectory dataDirectory, TemporalDevServer devServer, String cliVersion) {
    this.dataDirectory = dataDirectory;
    this.devServer = devServer;
    this.cliVersion = cliVersion;
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnJvmExit, "runway-local-run-stop"));
  }

  DataDirectory dataDirectory() {
    return dataDirectory;
  }

  TemporalDevServer devServer() {
    return devServer;
  }

  String cliVersion() {
    return cliVersion;
  }

  /** From now on the application context stops this run (after its workers); the hook only waits for it. */
  void ownedByContext() {
    ownedByContext = true;
  }

  @Override
  public synchronized void destroy() {
    if (stopped.getCount() == 0) {
      return;
    }
    devServer.stop();
    dataDirectory.close();
    stopped.countDown();
  }

  private void stopOnJvmExit() {
    if (ownedByContext) {
      try {
        // Spring's own hook closes the context concurrently: workers drain before the server goes
        stopped.await(90, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    destroy();
  }
}
