package io.runway.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Open-loop launches: request i is sent at t0 + i/rate by the wall clock whether or not earlier ones
 * have answered (each on its own virtual thread), so a slow server shows up as latency, not as a
 * politely reduced offered load.
 */
final class Launcher {

  static final String USER = "program-office-1";

  /** What one batch of launches did. */
  static final class Result {
    final String label;
    final double offeredRate;
    final int requested;
    final Histogram latencyMicros = new SynchronizedHistogram(600_000_000L, 3);
    /** How late the harness sent requests versus their schedule: if large, the harness itself could not keep up. */
    final Histogram sendLagMicros = new SynchronizedHistogram(600_000_000L, 3);
    final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
    /** Keys answered 201, in launch order. */
    final List<String> launchedKeys;
    final Map<String, String> tierByKey = new ConcurrentHashMap<>();
    long firstSendNanos;
    final AtomicLong lastCompletionNanos = new AtomicLong();
    final AtomicInteger created = new AtomicInteger();

    Result(String label, double offeredRate, int requested) {
      this.label = label;
      this.offeredRate = offeredRate;
      this.requested = requested;
      this.launchedKeys = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(requested, (String) null)));
    }

    double elapsedSeconds() {
      return (lastCompletionNanos.get() - firstSendNanos) / 1e9;
    }

    /** Requests answered 201 per second, from the first send to the last answer. */
    double achievedRate() {
      double elapsed = elapsedSeconds();
      return elapsed <= 0 ? 0 : created.get() / elapsed;
    }

    List<String> createdKeysInOrder() {
      synchronized (launchedKeys) {
        return launchedKeys.stream().filter(k -> k != null).toList();
      }
    }

    Map<String, Integer> statusCounts() {
      Map<String, Integer> counts = new TreeMap<>();
      statuses.forEach((k, v) -> counts.put(k, v.get()));
      return counts;
    }
  }

  /** One launch of an initiative {@code key} of {@code tier}: 201 when it was accepted, as Runway's API answers. */
  @FunctionalInterface
  interface LaunchFn {
    Api.Response launch(String key, int n, String tier);
  }

  private final LaunchFn launch;
  private final String runId;
  private final List<String> tierDeck;
  private final AtomicInteger sequence = new AtomicInteger();

  Launcher(Api api, String runId, Map<String, Integer> riskMix) {
    this((key, n, tier) -> api.post("POST /initiatives", "/api/v1/initiatives", USER, body(key, n, tier)), runId, riskMix);
  }

  /** Launches through another engine (the baseline's workflow start, Flowable's process start). */
  Launcher(LaunchFn launch, String runId, Map<String, Integer> riskMix) {
    this.launch = launch;
    this.runId = runId;
    // a deterministic, shuffled deck of 100 tiers in the requested proportions
    List<String> deck = new ArrayList<>();
    int total = riskMix.values().stream().mapToInt(Integer::intValue).sum();
    riskMix.forEach((tier, weight) -> {
      long n = Math.round(100.0 * weight / total);
      for (int i = 0; i < n; i++) {
        deck.add(tier);
      }
    });
    if (deck.isEmpty()) {
      deck.add("MINIMAL");
    }
    Collections.shuffle(deck, new Random(42));
    this.tierDeck = List.copyOf(deck);
  }

  int launchedSoFar() {
    return sequence.get();
  }

  Result run(String label, int count, double rate) throws InterruptedException {
    return run(label, count, rate, Integer.MAX_VALUE);
  }

  /**
   * With {@code maxInFlight} bounded, a request waits for a free slot before it is sent (its send lag
   * grows instead of piling thousands of requests onto a saturated app until they time out).
   */
  Result run(String label, int count, double rate, int maxInFlight) throws InterruptedException {
    java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(maxInFlight);
    Result result = new Result(label, rate, count);
    long periodNanos = (long) (1e9 / rate);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      long t0 = System.nanoTime();
      result.firstSendNanos = t0;
      long nextProgress = t0 + 15_000_000_000L;
      for (int i = 0; i < count; i++) {
        if (System.nanoTime() > nextProgress) {
          // long phases (the heap steps to 50k) say how far they are
          System.out.printf("    ... %s: %d of %d sent, %d accepted, %.0f s%n", label, i, count, result.created.get(), (System.nanoTime() - t0) / 1e9);
          nextProgress += 15_000_000_000L;
        }
        long due = t0 + i * periodNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        int slot = i;
        int n = sequence.incrementAndGet();
        slots.acquire();
        threads.submit(() -> {
          try {
            launchOne(result, slot, n, due);
          } finally {
            slots.release();
          }
        });
      }
      threads.shutdown();
      threads.awaitTermination(10, TimeUnit.MINUTES);
    }
    return result;
  }

  private void launchOne(Result result, int slot, int n, long dueNanos) {
    String key = "bench-" + runId + "-" + n;
    String tier = tierDeck.get((n - 1) % tierDeck.size());
    long sendNanos = System.nanoTime();
    result.sendLagMicros.recordValue(Math.max(0, (sendNanos - dueNanos) / 1000));
    Api.Response response = launch.launch(key, n, tier);
    result.latencyMicros.recordValue(Math.min(response.nanos() / 1000, 600_000_000L));
    result.lastCompletionNanos.accumulateAndGet(System.nanoTime(), Math::max);
    String status = response.status() < 0 ? "I/O error" : String.valueOf(response.status());
    result.statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
    if (response.status() == 201) {
      result.created.incrementAndGet();
      result.launchedKeys.set(slot, key);
      result.tierByKey.put(key, tier);
    } else if (result.errorSamples.size() < 5) {
      result.errorSamples.add(key + ": " + response.brief());
    }
  }

  static ObjectNode body(String key, int n, String tier) {
    ObjectNode body = Api.JSON.createObjectNode();
    body.put("key", key);
    body.put("name", "Bench initiative " + n);
    body.put("purpose", "Benchmark");
    body.put("businessUnit", "Bench");
    body.put("riskTier", tier);
    ObjectNode owners = body.putObject("owners");
    owners.put("business", "ana.owner");
    owners.put("technical", "tom.tech");
    owners.put("operations", "olga.ops");
    body.put("sponsor", "sue.sponsor");
    body.putArray("dataClasses").add("INTERNAL");
    ArrayNode kpis = body.putArray("kpis");
    ObjectNode kpi = kpis.addObject();
    kpi.put("name", "cycle time");
    kpi.put("unit", "h");
    kpi.put("baseline", 48);
    kpi.put("target", 8);
    ObjectNode budget = body.putObject("budget");
    budget.put("monthlyCost", 1000);
    budget.put("currency", "EUR");
    return body;
  }
}
