package io.runway.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * {@link Driver}'s walk for an {@link Engine}: the same reviewers, the same order (ticket resolved,
 * then the task approved by as many members of its group as it needs), the same measurement: after
 * the last open task of a phase is completed, the inbox is polled every poll interval until the next
 * phase's task shows. Results land in a {@link Driver.Result}, so the report treats all engines alike.
 */
final class EngineDriver {

  private static final long TRANSITION_TIMEOUT_MS = 60_000;

  private final Engine engine;
  private final int pollMs;

  EngineDriver(Engine engine, int pollMs) {
    this.engine = engine;
    this.pollMs = pollMs;
  }

  Driver.Result run(List<String> keys, int reviewers) throws InterruptedException {
    return Driver.drivePool(keys, reviewers, this::drive);
  }

  private void drive(String key, Driver.Result result) {
    Set<String> done = new HashSet<>();
    List<Engine.OpenTask> open = awaitNew(key, done, "launch");
    while (true) {
      boolean handover = false;
      String lastGate = null;
      for (Engine.OpenTask task : open) {
        if (task.gate().equals("INTEGRATION")) {
          engine.resolveTicket(key);
          result.ticketsResolved.incrementAndGet();
        }
        for (int n = 1; n <= task.approvalsLeft(); n++) {
          engine.complete(key, task, task.group() + "-" + n);
        }
        done.add(task.id());
        result.completedByGate.computeIfAbsent(task.gate(), g -> new AtomicInteger()).incrementAndGet();
        handover |= task.gate().equals("OPERATIONS_HANDOVER");
        lastGate = task.gate();
      }
      long completedAt = System.nanoTime();
      if (handover) {
        long deadline = System.currentTimeMillis() + TRANSITION_TIMEOUT_MS;
        while (!engine.inProduction(key)) {
          if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException("not in production " + TRANSITION_TIMEOUT_MS / 1000 + " s after the handover");
          }
          sleep(pollMs);
        }
        result.productionVisibleMicros.recordValue((System.nanoTime() - completedAt) / 1000);
        return;
      }
      open = awaitNew(key, done, lastGate);
      long visible = (System.nanoTime() - completedAt) / 1000;
      result.nextVisibleMicros.recordValue(visible);
      result.nextVisibleByGate
          .computeIfAbsent(lastGate + " -> " + open.getFirst().gate(), g -> new SynchronizedHistogram(600_000_000L, 3))
          .recordValue(visible);
    }
  }

  private List<Engine.OpenTask> awaitNew(String key, Set<String> done, String after) {
    long deadline = System.currentTimeMillis() + TRANSITION_TIMEOUT_MS;
    while (true) {
      List<Engine.OpenTask> fresh = new ArrayList<>();
      for (Engine.OpenTask task : engine.openTasks(key)) {
        if (!done.contains(task.id())) {
          fresh.add(task);
        }
      }
      if (!fresh.isEmpty()) {
        return fresh;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("no new open task within " + TRANSITION_TIMEOUT_MS / 1000 + " s after " + after);
      }
      sleep(pollMs);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }
}
