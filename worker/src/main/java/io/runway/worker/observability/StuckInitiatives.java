package io.runway.worker.observability;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.runway.lifecycle.Lifecycle;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingWorkflowTaskInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds stuck initiatives: workflows whose workflow task fails on every attempt (a bug or a bad policy
 * that throws in workflow code). Temporal retries such a task forever without failing the workflow, so
 * nothing else shows it. Every {@code runway.stuck.interval} this asks Temporal to describe a bounded
 * batch of the initiatives that are not ended (keys from the read model and from launch_request, in
 * key order, wrapping around), plus those already flagged, and flags a workflow whose pending workflow
 * task is at attempt {@code runway.stuck.attempts} or more. The flag clears at the first scan after a
 * workflow task succeeds again. Exposed as the gauge {@code runway_initiatives_stuck} and as a badge
 * in the console. Runs in the processes with the api role; each such replica reports the same set
 * (aggregate with {@code max}).
 */
@Component
@ConditionalOnBooleanProperty(name = "runway.stuck.enabled", matchIfMissing = true)
public class StuckInitiatives implements SmartLifecycle {

  /** One stuck initiative: its key, the attempt its workflow task is at, and since when it fails. */
  public record Stuck(String key, int attempts, Instant since) {}

  private static final Logger log = LoggerFactory.getLogger(StuckInitiatives.class);

  private final JdbcClient jdbc;
  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final boolean apiRole;
  private final Duration interval;
  private final int attempts;
  private final int batch;
  private final Duration timeout;
  private final Clock clock = Clock.systemUTC();
  private volatile Map<String, Stuck> stuck = Map.of();
  private String cursor = "";
  private ScheduledExecutorService scheduler;

  StuckInitiatives(
      JdbcClient jdbc,
      WorkflowServiceStubs stubs,
      MeterRegistry registry,
      @Value("${spring.temporal.namespace:default}") String namespace,
      @Value("${runway.role.api:true}") boolean apiRole,
      @Value("${runway.stuck.interval:20s}") Duration interval,
      @Value("${runway.stuck.attempts:3}") int attempts,
      @Value("${runway.stuck.batch:500}") int batch,
      @Value("${runway.stuck.timeout:2s}") Duration timeout) {
    if (attempts < 2 || batch < 1 || interval.isNegative() || interval.isZero()) {
      throw new IllegalStateException("runway.stuck: attempts must be at least 2, batch at least 1 and interval"
          + " positive (got attempts=" + attempts + ", batch=" + batch + ", interval=" + interval + ")");
    }
    this.jdbc = jdbc;
    this.stubs = stubs;
    this.namespace = namespace;
    this.apiRole = apiRole;
    this.interval = interval;
    this.attempts = attempts;
    this.batch = batch;
    this.timeout = timeout;
    Gauge.builder("runway.initiatives.stuck", this, s -> s.stuck.size())
        .description("Initiatives whose workflow task keeps failing (attempt >= runway.stuck.attempts)")
        .register(registry);
  }

  /** The stuck initiatives as of the last scan, by key. */
  public Map<String, Stuck> all() {
    return stuck;
  }

  public Optional<Stuck> find(String key) {
    return Optional.ofNullable(stuck.get(key));
  }

  /** One scan: a batch of open initiatives and the ones already flagged. Public for tests. */
  public synchronized void scan() {
    List<String> keys;
    try {
      keys = jdbc.sql("""
              select key from (
                select key from initiative where stage not in ('RETIRED', 'REJECTED', 'WITHDRAWN')
                union
                select l.key from launch_request l where not exists (select 1 from initiative i where i.key = l.key)
              ) open where key > ? order by key limit ?""")
          .param(cursor).param(batch).query(String.class).list();
    } catch (DataAccessException e) {
      log.warn("stuck scan skipped, the read model did not answer: {}", e.getMessage());
      return;
    }
    cursor = keys.size() < batch ? "" : keys.getLast();
    Set<String> toDescribe = new LinkedHashSet<>(stuck.keySet());
    toDescribe.addAll(keys);
    Map<String, Stuck> next = new HashMap<>(stuck);
    for (String key : toDescribe) {
      DescribeWorkflowExecutionResponse described;
      try {
        described = stubs.blockingStub()
            .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(namespace)
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(Lifecycle.workflowId(key)))
                .build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
          next.remove(key); // a sample row without a workflow, or a launch not started yet
          continue;
        }
        // Temporal unreachable or too slow: keep what is known rather than clear flags on a guess
        log.warn("stuck scan stopped early, Temporal did not describe {}: {}", key, e.getStatus());
        break;
      }
      Optional<Stuck> found = judge(key, described);
      if (found.isPresent()) {
        if (!stuck.containsKey(key)) {
          log.warn("initiative {} is stuck: its workflow task is at attempt {}, failing since {}; see the worker"
              + " logs and the Temporal UI for the cause, fix and deploy it, the workflow resumes on its own"
              + " (docs/faults.md)", key, found.get().attempts(), found.get().since());
        }
        next.put(key, found.get());
      } else if (next.remove(key) != null) {
        log.info("initiative {} is no longer stuck: its workflow task succeeded", key);
      }
    }
    stuck = Map.copyOf(next);
  }

  private Optional<Stuck> judge(String key, DescribeWorkflowExecutionResponse described) {
    if (described.getWorkflowExecutionInfo().getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        || !described.hasPendingWorkflowTask()) {
      return Optional.empty();
    }
    PendingWorkflowTaskInfo task = described.getPendingWorkflowTask();
    if (task.getAttempt() < attempts) {
      return Optional.empty();
    }
    Instant since = task.hasOriginalScheduledTime()
        ? Instant.ofEpochSecond(task.getOriginalScheduledTime().getSeconds(), task.getOriginalScheduledTime().getNanos())
        : clock.instant();
    Stuck before = stuck.get(key);
    if (before != null && before.since().isBefore(since)) {
      since = before.since();
    }
    return Optional.of(new Stuck(key, task.getAttempt(), since));
  }

  @Override
  public void start() {
    if (!apiRole) {
      return; // worker-only replicas serve neither the console nor the metric's readers
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("runway-stuck-scan").factory());
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        scan();
      } catch (RuntimeException e) {
        log.warn("stuck scan failed, next one in {}: {}", interval, e.toString());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
