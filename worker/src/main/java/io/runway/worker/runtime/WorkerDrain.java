package io.runway.worker.runtime;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Drains the Temporal workers on shutdown. The starter only calls {@code WorkerFactory.shutdown()}
 * when it destroys the bean, without waiting, so the database pool and the HTTP clients could close
 * under activities still running. Here the workers stop polling and in-flight workflow tasks and
 * activities get up to {@code runway.worker.drain-timeout} to finish, before any bean is destroyed;
 * what is still running then is interrupted and Temporal retries it on another worker.
 *
 * <p>Phase: after the web server's graceful shutdown (so a request waiting on a workflow update
 * still has a worker to answer it), before the web server stops.
 */
@Component
class WorkerDrain implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;
  private static final Logger log = LoggerFactory.getLogger(WorkerDrain.class);

  private final ObjectProvider<WorkerFactory> workerFactory;
  private final Duration timeout;
  private volatile boolean running;
  /**
   * Set when the context closes (published before lifecycle beans stop). A stop without a close is a
   * pause, as Spring's test context cache does between test classes: a shut-down WorkerFactory cannot
   * be started again, so a pause must leave the workers alone.
   */
  private volatile boolean closing;

  WorkerDrain(ObjectProvider<WorkerFactory> workerFactory, @Value("${runway.worker.drain-timeout:25s}") Duration timeout) {
    this.workerFactory = workerFactory;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    closing = true;
  }

  @Override
  public void stop() {
    running = false;
    if (!closing) {
      return;
    }
    WorkerFactory factory = workerFactory.getIfAvailable();
    if (factory == null || !factory.isStarted() || factory.isShutdown()) {
      return;
    }
    log.info("Draining Temporal workers: no new tasks are polled; in-flight tasks get up to {}", timeout);
    long start = System.nanoTime();
    factory.shutdown();
    factory.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (factory.isTerminated()) {
      log.info("Temporal workers drained in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } else {
      log.warn("Temporal workers still busy after {}; interrupting, Temporal retries those tasks elsewhere", timeout);
      factory.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
