package io.runway.worker.imports;

import io.runway.lifecycle.model.Actor;
import io.runway.worker.initiative.LaunchBody;
import io.runway.worker.initiative.LaunchService;
import io.runway.worker.web.ApiProblem;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Launches an import's pending rows in the background through {@link LaunchService}, a few at a time.
 * While it runs a job it heartbeats the job's row; a job whose heartbeat stops (its replica died or
 * was stopped mid-import) is claimed by the next replica's sweep and its remaining rows are launched
 * there. Launching is idempotent by key, so a row launched just before a crash is not launched twice.
 */
@Component
class ImportRunner implements InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
  private static final int ATTEMPTS = 3;

  private final ImportStore store;
  private final LaunchService launches;
  private final JsonMapper json;
  private final ImportSettings settings;
  private final boolean apiRole;
  final String runnerId = "runner-" + UUID.randomUUID();
  private final Set<UUID> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService jobs = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name("import-heartbeat").daemon().unstarted(r));

  ImportRunner(ImportStore store, LaunchService launches, JsonMapper json, ImportSettings settings,
      @Value("${runway.role.api:true}") boolean apiRole) {
    this.apiRole = apiRole;
    this.store = store;
    this.launches = launches;
    this.json = json;
    this.settings = settings;
  }

  @Override
  public void afterPropertiesSet() {
    if (!apiRole) {
      return; // imports are an api replica's work
    }
    long period = Math.max(1, settings.staleAfter().toSeconds() / 4);
    ticker.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.SECONDS);
  }

  void run(UUID id) {
    if (running.add(id)) {
      jobs.submit(() -> runJob(id));
    }
  }

  private void tick() {
    try {
      store.heartbeat(List.copyOf(running), runnerId);
      store.claimStale(runnerId, settings.staleAfter()).forEach(id -> {
        log.info("taking over import {}: its runner stopped sending heartbeats", id);
        run(id);
      });
    } catch (RuntimeException e) {
      log.warn("import heartbeat failed: {}", e.getMessage());
    }
  }

  private void runJob(UUID id) {
    try {
      ImportStore.JobRow job = store.job(id).orElseThrow();
      Actor actor = new Actor(job.requestedBy(), Set.copyOf(job.groups()));
      Semaphore permits = new Semaphore(settings.concurrency());
      try (ExecutorService rows = Executors.newVirtualThreadPerTaskExecutor()) {
        for (ImportStore.PendingRow row : store.pending(id)) {
          permits.acquire();
          rows.submit(() -> {
            try {
              launch(job, row, actor);
            } finally {
              permits.release();
            }
          });
        }
      }
      store.finish(id);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // the job stays RUNNING and stops heartbeating: a sweep (here or on another replica) resumes it
      log.error("import {} stopped; its remaining rows will be resumed", id, e);
    } finally {
      running.remove(id);
    }
  }

  private void launch(ImportStore.JobRow job, ImportStore.PendingRow row, Actor actor) {
    for (int attempt = 1; ; attempt++) {
      try {
        boolean present = store.launchedBefore(row.key(), job.startedAt());
        LaunchBody body = json.readValue(row.payload(), LaunchBody.class);
        launches.launch(body.toRequest(), actor);
        store.rowDone(job.id(), row.row(), present ? ImportStore.ALREADY_PRESENT : ImportStore.LAUNCHED, null);
        return;
      } catch (ApiProblem refused) {
        if (refused.status() != HttpStatus.SERVICE_UNAVAILABLE || attempt == ATTEMPTS) {
          store.rowDone(job.id(), row.row(), ImportStore.FAILED, refused.getMessage());
          return;
        }
      } catch (DataAccessException e) {
        if (attempt == ATTEMPTS) {
          throw e; // the database is gone: leave the row PENDING for the resume
        }
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS) {
          log.warn("import {} row {} failed", job.id(), row.row(), e);
          store.rowDone(job.id(), row.row(), ImportStore.FAILED,
              "Runway could not launch this row (" + e.getClass().getSimpleName() + "); import the file again to retry it.");
          return;
        }
      }
      pause(attempt);
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(500L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void destroy() {
    ticker.shutdownNow();
    jobs.shutdownNow();
  }
}
