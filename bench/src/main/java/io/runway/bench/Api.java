package io.runway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * The Runway REST API as a client sees it: HTTP Basic as a demo user, JSON in and out. Every call is
 * timed and counted per endpoint, so the report can name slow endpoints and unexpected statuses with
 * evidence (the first bodies of each unexpected status are kept).
 */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "demo";

  record Response(int status, String body, long nanos, String error) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonNode json() {
      try {
        return body == null || body.isBlank() ? JsonNodeFactory.instance.nullNode() : JSON.readTree(body);
      } catch (IOException e) {
        return JsonNodeFactory.instance.nullNode();
      }
    }

    String brief() {
      String text = error != null ? error : body == null ? "" : body.replaceAll("\\s+", " ");
      return "HTTP " + status + " " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }
  }

  /** Latency and statuses of one endpoint (method + path template). */
  static final class EndpointStats {
    final Histogram micros = new SynchronizedHistogram(600_000_000L, 3);
    final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final List<String> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
  }

  private final String base;
  private final HttpClient http;
  private final Map<String, String> authHeaders = new ConcurrentHashMap<>();
  final Map<String, EndpointStats> stats = new ConcurrentHashMap<>();

  /** Authorization header per user; null = HTTP Basic as the demo user (embedded profile). */
  private final java.util.function.Function<String, String> bearer;

  Api(String base) {
    this(base, null);
  }

  Api(String base, java.util.function.Function<String, String> bearer) {
    this.base = base;
    this.bearer = bearer;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
  }

  String base() {
    return base;
  }

  /** A second client on the same app and identity (its own statistics). */
  Api fresh() {
    return new Api(base, bearer);
  }

  Response get(String label, String path, String user) {
    return send(label, request(path, user).GET().build());
  }

  Response post(String label, String path, String user, Object body) {
    String json;
    try {
      json = body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return send(
        label,
        request(path, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** A body that is not JSON (an import file), sent as is with its content type. */
  Response postRaw(String label, String path, String user, String contentType, byte[] body) {
    return send(
        label,
        request(path, user).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** An unauthenticated GET, for health polling; not counted. */
  int status(String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private HttpRequest.Builder request(String path, String user) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
    if (user != null) {
      builder.header(
          "Authorization",
          authHeaders.computeIfAbsent(
              user,
              u -> bearer != null ? bearer.apply(u) : "Basic " + Base64.getEncoder().encodeToString((u + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
    }
    return builder;
  }

  private Response send(String label, HttpRequest request) {
    long start = System.nanoTime();
    Response response;
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      response = new Response(r.statusCode(), r.body(), System.nanoTime() - start, null);
    } catch (IOException e) {
      response = new Response(-1, null, System.nanoTime() - start, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response = new Response(-1, null, System.nanoTime() - start, "interrupted");
    }
    EndpointStats s = stats.computeIfAbsent(label, l -> new EndpointStats());
    s.micros.recordValue(Math.min(response.nanos() / 1000, 600_000_000L));
    String status = response.status() < 0 ? "I/O error" : String.valueOf(response.status());
    s.statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
    if (!response.ok() && s.samples.size() < 5) {
      s.samples.add(request.method() + " " + request.uri().getRawPath()
          + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()) + " -> " + response.brief());
    }
    return response;
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A listing's items: the API answers {"items":[...],"page","size","total"}; a bare array is accepted too. */
  static List<JsonNode> items(JsonNode body) {
    JsonNode array = body.isArray() ? body : body.path("items");
    List<JsonNode> list = new java.util.ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  Map<String, EndpointStats> sortedStats() {
    return new TreeMap<>(stats);
  }
}
