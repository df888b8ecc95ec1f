package io.runway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Simulated reviewers walk initiatives through their gates. After each completion that leaves the
 * initiative with no open task, the time until the next gate's task is visible is measured by
 * polling the inbox (the initiative's open tasks as the auditor, every poll interval), then the
 * candidate group's own inbox query is asked once to confirm a member of that group sees it too.
 */
final class Driver {

  static final String AUDITOR = "auditor-1";
  private static final Set<String> CLOSED_TICKET = Set.of("RESOLVED", "DONE", "CLOSED");
  private static final long TRANSITION_TIMEOUT_MS = 60_000;
  private static final long INITIATIVE_TIMEOUT_MS = 10 * 60_000;

  static final class Result {
    final Histogram nextVisibleMicros = new SynchronizedHistogram(600_000_000L, 3);
    final Map<String, Histogram> nextVisibleByGate = new ConcurrentHashMap<>();
    /** Operations handover approved -> GET /initiatives/{key} shows IN_PRODUCTION. */
    final Histogram productionVisibleMicros = new SynchronizedHistogram(600_000_000L, 3);
    final Histogram perInitiativeMicros = new SynchronizedHistogram(3_600_000_000L, 3);
    final Map<String, AtomicInteger> completedByGate = new ConcurrentHashMap<>();
    final AtomicInteger inProduction = new AtomicInteger();
    final AtomicInteger confirmMisses = new AtomicInteger();
    final AtomicInteger ticketsResolved = new AtomicInteger();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    int driven;
    long elapsedNanos;

    Map<String, Integer> gateCounts() {
      Map<String, Integer> counts = new TreeMap<>();
      completedByGate.forEach((k, v) -> counts.put(k, v.get()));
      return counts;
    }
  }

  private static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message, null, false, false);
    }
  }

  private final Api api;
  private final int pollMs;
  /** Completions refused with 409 "cannot be approved yet" (data readiness before its metrics were read), retried. */
  final AtomicInteger notYetActionable = new AtomicInteger();

  Driver(Api api, int pollMs) {
    this.api = api;
    this.pollMs = pollMs;
  }

  Result run(List<String> keys, int reviewers) throws InterruptedException {
    return drivePool(keys, reviewers, this::drive);
  }

  /** How one initiative is walked to production by one simulated reviewer; failures are thrown. */
  interface Walk {
    void drive(String key, Result result);
  }

  /**
   * {@code reviewers} simulated users take initiatives off one queue until none is left, each walking
   * its initiative to production: the same pool for Runway's API and the other engines.
   */
  static Result drivePool(List<String> keys, int reviewers, Walk walk) throws InterruptedException {
    Result result = new Result();
    result.driven = keys.size();
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(keys);
    long start = System.nanoTime();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int r = 0; r < reviewers; r++) {
        threads.submit(() -> {
          String key;
          while ((key = queue.poll()) != null) {
            long t0 = System.nanoTime();
            try {
              walk.drive(key, result);
              result.inProduction.incrementAndGet();
              result.perInitiativeMicros.recordValue((System.nanoTime() - t0) / 1000);
            } catch (Failed e) {
              result.failures.add(key + ": " + e.getMessage());
            } catch (RuntimeException e) {
              result.failures.add(key + ": " + e);
            }
          }
        });
      }
      threads.shutdown();
      threads.awaitTermination(2, TimeUnit.HOURS);
    }
    result.elapsedNanos = System.nanoTime() - start;
    return result;
  }

  private void drive(String key, Result result) {
    long deadline = System.currentTimeMillis() + INITIATIVE_TIMEOUT_MS;
    Set<String> done = new HashSet<>();
    List<JsonNode> open = awaitNewTasks(key, done, TRANSITION_TIMEOUT_MS);
    while (true) {
      if (System.currentTimeMillis() > deadline) {
        throw new Failed("not in production after " + INITIATIVE_TIMEOUT_MS / 1000 + " s");
      }
      boolean handover = false;
      String lastGate = null;
      for (JsonNode task : open) {
        String kind = task.path("kind").asText("GATE_REVIEW");
        if (!kind.equals("GATE_REVIEW")) {
          throw new Failed("unexpected " + kind + " task " + task.path("id").asText() + ": " + abbreviate(task));
        }
        String gate = task.path("gate").asText();
        if (gate.equals("INTEGRATION")) {
          resolveTickets(key, result);
        }
        complete(task);
        done.add(task.path("id").asText());
        result.completedByGate.computeIfAbsent(gate, g -> new AtomicInteger()).incrementAndGet();
        handover |= gate.equals("OPERATIONS_HANDOVER");
        lastGate = gate;
      }
      long completedAt = System.nanoTime();
      if (handover) {
        awaitStage(key, "IN_PRODUCTION", TRANSITION_TIMEOUT_MS);
        result.productionVisibleMicros.recordValue((System.nanoTime() - completedAt) / 1000);
        return;
      }
      open = awaitNewTasks(key, done, TRANSITION_TIMEOUT_MS);
      long visible = (System.nanoTime() - completedAt) / 1000;
      result.nextVisibleMicros.recordValue(visible);
      result.nextVisibleByGate
          .computeIfAbsent(lastGate + " -> " + open.getFirst().path("gate").asText(), g -> new SynchronizedHistogram(600_000_000L, 3))
          .recordValue(visible);
      for (JsonNode task : open) {
        if (!confirmInInbox(key, task)) {
          result.confirmMisses.incrementAndGet();
        }
      }
    }
  }

  /** Polls the initiative's open tasks until one not yet completed appears; returns all such. */
  private List<JsonNode> awaitNewTasks(String key, Set<String> done, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    int polls = 0;
    while (true) {
      Api.Response r =
          api.get("GET /tasks?initiativeKey&status=OPEN", "/api/v1/tasks?status=OPEN&initiativeKey=" + Api.enc(key), AUDITOR);
      if (!r.ok()) {
        throw new Failed("task list: " + r.brief());
      }
      List<JsonNode> fresh = new ArrayList<>();
      for (JsonNode task : Api.items(r.json())) {
        if (!done.contains(task.path("id").asText()) && "OPEN".equals(task.path("status").asText("OPEN"))) {
          fresh.add(task);
        }
      }
      if (!fresh.isEmpty()) {
        return fresh;
      }
      if (++polls % 50 == 0) {
        // every ~half second, make sure the initiative has not ended somewhere we do not expect
        String stage = stage(key);
        if (List.of("REJECTED", "WITHDRAWN", "RETIRED", "IN_PRODUCTION").contains(stage)) {
          throw new Failed("waiting for a task but the initiative is " + stage);
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new Failed("no new open task within " + timeoutMs / 1000 + " s (stage " + stage(key) + ")");
      }
      sleep(pollMs);
    }
  }

  /** The candidate group's inbox query, as a member of the group, once. */
  private boolean confirmInInbox(String key, JsonNode task) {
    String group = task.path("candidateGroup").asText();
    Api.Response r =
        api.get(
            "GET /tasks?candidateGroup&initiativeKey&status=OPEN",
            "/api/v1/tasks?status=OPEN&candidateGroup=" + Api.enc(group) + "&initiativeKey=" + Api.enc(key),
            group + "-1");
    if (!r.ok()) {
      throw new Failed("inbox of " + group + ": " + r.brief());
    }
    String id = task.path("id").asText();
    return Api.items(r.json()).stream().anyMatch(t -> id.equals(t.path("id").asText()));
  }

  private void complete(JsonNode task) {
    String id = task.path("id").asText();
    String group = task.path("candidateGroup").asText();
    int required = Math.max(1, task.path("requiredApprovals").asInt(1));
    Set<String> already = new HashSet<>();
    task.path("approvals").forEach(a -> already.add(a.asText()));
    ObjectNode body = Api.JSON.createObjectNode();
    body.put("decision", "APPROVE");
    body.put("comment", "bench");
    ArrayNode evidence = body.putArray("evidence");
    task.path("requiredEvidence").forEach(kind -> {
      ObjectNode e = evidence.addObject();
      e.put("kind", kind.asText());
      e.put("title", "t");
      e.put("uri", "https://example.org/e");
    });
    if ("DATA_READINESS".equals(task.path("gate").asText())) {
      // the local model registry holds no run for a bench initiative: the reviewer types the measurements in,
      // within the policy's bounds (as the worker's end-to-end steps do)
      ObjectNode metrics = body.putObject("metrics");
      metrics.put("data_quality_score", 0.97);
      metrics.put("null_rate", 0.01);
      metrics.put("freshness_hours", 6.0);
    }
    int given = already.size();
    for (int n = 1; n <= 2 && given < required; n++) {
      String user = group + "-" + n;
      if (already.contains(user)) {
        continue;
      }
      Api.Response r = api.post("POST /tasks/{id}/complete", "/api/v1/tasks/" + Api.enc(id) + "/complete", user, body);
      // data readiness opens for approval only once the model registry's metrics are on the task: a
      // reviewer who sees the task that early is told so (409) and tries again, as a person would
      long notYetDeadline = System.currentTimeMillis() + TRANSITION_TIMEOUT_MS;
      while (r.status() == 409 && r.body() != null && r.body().contains("cannot be approved yet")
          && System.currentTimeMillis() < notYetDeadline) {
        notYetActionable.incrementAndGet();
        sleep(pollMs * 5L);
        r = api.post("POST /tasks/{id}/complete (retry: not yet approvable)", "/api/v1/tasks/" + Api.enc(id) + "/complete", user, body);
      }
      if (!r.ok()) {
        throw new Failed("complete " + id + " as " + user + ": " + r.brief());
      }
      given++;
    }
    if (given < required) {
      throw new Failed("task " + id + " needs " + required + " approvals; the demo users of " + group + " are only two");
    }
  }

  /** The integration gate also waits for its ticket to be resolved on the local board. */
  private void resolveTickets(String key, Result result) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      Api.Response r = api.get("GET /tickets?initiativeKey", "/api/v1/tickets?initiativeKey=" + Api.enc(key), "engineering-1");
      if (!r.ok()) {
        throw new Failed("ticket list: " + r.brief());
      }
      List<JsonNode> tickets = Api.items(r.json()).stream().filter(t -> "INTEGRATION".equals(t.path("gate").asText())).toList();
      List<JsonNode> openTickets =
          tickets.stream().filter(t -> !CLOSED_TICKET.contains(t.path("status").asText().toUpperCase(java.util.Locale.ROOT))).toList();
      if (!tickets.isEmpty() && openTickets.isEmpty()) {
        return; // already resolved
      }
      for (JsonNode ticket : openTickets) {
        Api.Response resolved =
            api.post("POST /tickets/{id}/resolve", "/api/v1/tickets/" + Api.enc(ticket.path("id").asText()) + "/resolve", "engineering-1", "{}");
        if (!resolved.ok()) {
          throw new Failed("resolve ticket " + ticket.path("id").asText() + ": " + resolved.brief());
        }
        result.ticketsResolved.incrementAndGet();
      }
      if (!openTickets.isEmpty()) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new Failed("no INTEGRATION ticket for " + key + " within 10 s: " + r.brief());
      }
      sleep(50);
    }
  }

  private void awaitStage(String key, String wanted, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    String stage;
    while (!(stage = stage(key)).equals(wanted)) {
      if (System.currentTimeMillis() > deadline) {
        throw new Failed("stage is " + stage + ", not " + wanted + ", " + timeoutMs / 1000 + " s after the last approval");
      }
      sleep(pollMs);
    }
  }

  private String stage(String key) {
    Api.Response r = api.get("GET /initiatives/{key}", "/api/v1/initiatives/" + Api.enc(key), AUDITOR);
    if (!r.ok()) {
      throw new Failed("initiative: " + r.brief());
    }
    return r.json().path("stage").asText("?");
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed("interrupted");
    }
  }
}
