package io.runway.activities.hostile;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One small HTTP/1.1 server that answers as Jira Cloud, ServiceNow, Salesforce and MLflow do (each
 * keeps its records: {@link #jira()}, {@link #serviceNow()}, {@link #salesforce()}, {@link #mlflow()})
 * and misbehaves on demand: a rule ({@link #on}) makes the next requests to a path trickle their
 * answer, hang, drop the connection after storing, answer a wrong shape, a huge body, a Retry-After,
 * or run a hook (an early webhook) before answering. Raw sockets, because the misbehaviours that
 * matter (a half-sent body, a connection dropped after the write) are below what stub servers offer.
 * Every connection answers once and closes; every request is journalled.
 */
public final class HostileVendor implements AutoCloseable {

  /** A request as the vendor received it. */
  public record Request(String method, String path, String query, Map<String, List<String>> headers, String body, Instant receivedAt) {

    public String url() {
      return query == null ? path : path + "?" + query;
    }

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }
  }

  /** An answer: status, headers, body. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {

    public static Answer json(int status, String json) {
      return new Answer(status, Map.of("Content-Type", "application/json;charset=UTF-8"), json.getBytes(StandardCharsets.UTF_8));
    }

    public static Answer empty(int status) {
      return new Answer(status, Map.of(), new byte[0]);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Answer(status, more, body);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** What the vendor does instead of simply answering, for the requests a rule matches. */
  public sealed interface Misbehaviour {}

  /** Stores the request's effect, then sends the answer one byte per {@code perByte}. */
  public record Trickle(Duration perByte) implements Misbehaviour {}

  /** Neither stores nor answers: the connection stays open until the client gives up. */
  public record Hang() implements Misbehaviour {}

  /** Stores the request's effect, then answers nothing: the connection stays open until the client gives up. */
  public record HangAfterStoring() implements Misbehaviour {}

  /** Stores the request's effect, then closes the connection without a word. */
  public record DropAfterStoring() implements Misbehaviour {}

  /** Answers this instead, without storing anything (a wrong shape, a 429, a redirect, a 500). */
  public record Replace(Answer answer) implements Misbehaviour {}

  /** Stores the request's effect, then answers this instead (a 201 without the new record's key). */
  public record ReplaceAfterStoring(Answer answer) implements Misbehaviour {}

  /** Answers 200 with this many bytes of JSON-looking text, streamed (declared in Content-Length or chunked). */
  public record Huge(long bytes, boolean declared) implements Misbehaviour {}

  /** Stores the request's effect, runs the hook with the answer (an early webhook), then answers. */
  public record Before(java.util.function.Consumer<Answer> hook) implements Misbehaviour {}

  private record Rule(String method, String pathPrefix, AtomicLong remaining, Misbehaviour misbehaviour) {}

  private final ServerSocket socket;
  private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Request> journal = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final HostileJira jira;
  private final HostileServiceNow serviceNow;
  private final HostileSalesforce salesforce;
  private final HostileMlflow mlflow;
  private final AtomicLong bytesSent = new AtomicLong();

  public HostileVendor() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    jira = new HostileJira(baseUrl());
    serviceNow = new HostileServiceNow();
    salesforce = new HostileSalesforce(baseUrl());
    mlflow = new HostileMlflow();
    Thread.ofPlatform().daemon().name("hostile-vendor-" + socket.getLocalPort()).start(this::accept);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  public HostileJira jira() {
    return jira;
  }

  public HostileServiceNow serviceNow() {
    return serviceNow;
  }

  public HostileSalesforce salesforce() {
    return salesforce;
  }

  public HostileMlflow mlflow() {
    return mlflow;
  }

  /** The next {@code times} requests with this method and path prefix misbehave (-1: all of them). */
  public HostileVendor on(String method, String pathPrefix, int times, Misbehaviour misbehaviour) {
    rules.add(new Rule(method, pathPrefix, new AtomicLong(times), misbehaviour));
    return this;
  }

  /** Back to a well-behaved vendor; the records stay. */
  public void behave() {
    rules.clear();
  }

  public List<Request> journal() {
    return List.copyOf(journal);
  }

  public List<Request> requests(String method, String pathPrefix) {
    return journal.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
  }

  /** The requests to exactly this path whose body mentions {@code text} (a request key, a label), in arrival order. */
  public List<Request> requests(String method, String path, String text) {
    return journal.stream().filter(r -> r.method().equals(method) && r.path().equals(path) && r.body().contains(text)).toList();
  }

  /** Bytes the vendor has written to clients, huge bodies included: what a client could have had to hold. */
  public long bytesSent() {
    return bytesSent.get();
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    socket.close();
    for (Socket s : open) {
      s.close();
    }
    connections.shutdownNow();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        open.add(client);
        connections.submit(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      Request request = read(new BufferedInputStream(client.getInputStream()));
      if (request == null) {
        return;
      }
      journal.add(request);
      respond(request, client.getOutputStream());
    } catch (IOException | InterruptedException clientGone) {
      // the client gave up (its deadline) or the test is over: nothing to answer
    } finally {
      open.remove(client);
    }
  }

  private void respond(Request request, OutputStream out) throws IOException, InterruptedException {
    Misbehaviour misbehaviour = take(request);
    switch (misbehaviour) {
      case null -> write(out, route(request), null);
      case Trickle trickle -> write(out, route(request), trickle.perByte());
      case Hang hang -> closed.await();
      case HangAfterStoring hang -> {
        route(request);
        closed.await();
      }
      case DropAfterStoring drop -> route(request);
      case Replace replace -> write(out, replace.answer(), null);
      case ReplaceAfterStoring replace -> {
        route(request);
        write(out, replace.answer(), null);
      }
      case Huge huge -> writeHuge(out, huge);
      case Before before -> {
        Answer answer = route(request);
        before.hook().accept(answer);
        write(out, answer, null);
      }
    }
  }

  private Misbehaviour take(Request request) {
    for (Rule rule : rules) {
      if (rule.method().equals(request.method()) && request.path().startsWith(rule.pathPrefix())) {
        long left = rule.remaining().getAndUpdate(n -> n > 0 ? n - 1 : n);
        if (left != 0) {
          return rule.misbehaviour();
        }
      }
    }
    return null;
  }

  private Answer route(Request request) {
    String path = request.path();
    if (path.startsWith("/rest/api/3/")) {
      return jira.handle(request);
    }
    if (path.startsWith("/api/now/table/")) {
      return serviceNow.handle(request);
    }
    if (path.startsWith("/services/")) {
      return salesforce.handle(request);
    }
    if (path.startsWith("/api/2.0/mlflow/")) {
      return mlflow.handle(request);
    }
    return Answer.json(404, "{\"message\":\"no such resource: " + path + "\"}");
  }

  private void write(OutputStream out, Answer answer, Duration perByte) throws IOException, InterruptedException {
    StringBuilder head = new StringBuilder("HTTP/1.1 " + answer.status() + " " + reason(answer.status()) + "\r\n");
    answer.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(answer.body().length).append("\r\nConnection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    if (perByte == null) {
      out.write(answer.body());
      bytesSent.addAndGet(answer.body().length);
    } else {
      for (byte b : answer.body()) {
        out.write(b);
        out.flush();
        bytesSent.incrementAndGet();
        Thread.sleep(perByte.toMillis());
      }
    }
    out.flush();
  }

  /** Streams the body from one small buffer: the vendor's memory stays flat however large the answer. */
  private void writeHuge(OutputStream out, Huge huge) throws IOException {
    String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + (huge.declared() ? "Content-Length: " + huge.bytes() + "\r\n" : "Transfer-Encoding: chunked\r\n")
        + "Connection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    byte[] chunk = "{\"issues\":[".repeat(6_000).getBytes(StandardCharsets.US_ASCII);
    long left = huge.bytes();
    while (left > 0) {
      int n = (int) Math.min(chunk.length, left);
      if (!huge.declared()) {
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.write(chunk, 0, n);
      if (!huge.declared()) {
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      bytesSent.addAndGet(n);
      left -= n;
    }
    if (!huge.declared()) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.flush();
  }

  private static Request read(InputStream in) throws IOException {
    String requestLine = line(in);
    if (requestLine == null || requestLine.isBlank()) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.computeIfAbsent(header.substring(0, colon).trim(), k -> new ArrayList<>()).add(header.substring(colon + 1).trim());
    }
    int length = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Length")).findFirst()
        .map(e -> Integer.parseInt(e.getValue().get(0))).orElse(0);
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    String target = parts[1];
    int q = target.indexOf('?');
    return new Request(parts[0].toUpperCase(Locale.ROOT), q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
        headers, body, Instant.now());
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        bytes.write(c);
      }
    }
    return c == -1 && bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 302 -> "Found";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  /** Parses {@code a=1&b=2}, URL-decoded. */
  static Map<String, String> params(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query == null) {
      return params;
    }
    for (Iterator<String> pairs = List.of(query.split("&")).iterator(); pairs.hasNext(); ) {
      String[] pair = pairs.next().split("=", 2);
      params.put(decode(pair[0]), pair.length > 1 ? decode(pair[1]) : "");
    }
    return params;
  }

  static String decode(String value) {
    return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
