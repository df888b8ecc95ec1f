package io.runway.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.runway.activities.json.RunwayJson;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One vendor's REST API: JSON in and out, the vendor's Authorization header computed per call (so a
 * refreshed token is used) and never put in a message. An answer that is neither 2xx nor one the call
 * accepts (a 404 on a lookup, say) becomes a {@link VendorFailures} failure.
 *
 * <p>Every call has one total deadline, the configured timeout, covering connect, response headers
 * and the whole body (a body trickled a byte a second ends at the deadline, not minutes later), and
 * never later than the activity attempt's own time ({@link AttemptGuard}); it heartbeats while it
 * waits, so a cancelled attempt stops reading. Answers are read up to {@link #MAX_RESPONSE_BYTES}.
 *
 * <p>Every call is a CLIENT span, a child of whatever span is current (in an activity: Temporal's
 * RunActivity span), and carries the W3C {@code traceparent} header so a vendor that traces joins the
 * trace. The span names the vendor and the HTTP method only, and records no URL path or query: a
 * Slack webhook's path is its secret, and a Jira query names the initiative. Every call is also
 * counted by {@link IntegrationCalls}.
 */
public final class VendorHttp {

  private final String system;
  private final URI baseUrl;
  private final Duration timeout;
  private final Supplier<String> authorization;
  private final HttpClient http;
  private final Clock clock;
  /** Null: the one {@link VendorTracing} holds at the time of each call. */
  private final OpenTelemetry openTelemetry;
  private final IntegrationCalls calls;
  private final ObjectMapper json = RunwayJson.mapper();
  private final int maxResponseBytes;

  /** The most of one answer Runway reads (2 MiB): far above any answer the adapters ask for. */
  public static final int MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

  private static final String INSTRUMENTATION = "io.runway.activities.http";
  private static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> VENDOR = AttributeKey.stringKey("runway.vendor");
  private static final AttributeKey<String> VENDOR_CALL = AttributeKey.stringKey("runway.vendor.call");
  private static final TextMapSetter<HttpRequest.Builder> HEADERS = (request, name, value) -> request.setHeader(name, value);

  public VendorHttp(String system, URI baseUrl, Duration timeout, Supplier<String> authorization) {
    this(system, baseUrl, timeout, authorization, null, Clock.systemUTC());
  }

  /** Reports its calls to {@code openTelemetry} rather than to the one {@link VendorTracing} holds. */
  public VendorHttp(String system, URI baseUrl, Duration timeout, Supplier<String> authorization, OpenTelemetry openTelemetry) {
    this(system, baseUrl, timeout, authorization, openTelemetry, Clock.systemUTC());
  }

  VendorHttp(String system, URI baseUrl, Duration timeout, Supplier<String> authorization, Clock clock) {
    this(system, baseUrl, timeout, authorization, null, clock);
  }

  VendorHttp(String system, URI baseUrl, Duration timeout, Supplier<String> authorization, OpenTelemetry openTelemetry,
      Clock clock) {
    this(system, baseUrl, timeout, authorization, openTelemetry, clock, MAX_RESPONSE_BYTES);
  }

  VendorHttp(String system, URI baseUrl, Duration timeout, Supplier<String> authorization, OpenTelemetry openTelemetry,
      Clock clock, int maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
    this.system = system;
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.authorization = authorization;
    this.openTelemetry = openTelemetry;
    this.calls = new IntegrationCalls(system);
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A 2xx (or accepted) answer, read whole within the call's deadline and the response cap. */
  public record Response(int status, HttpHeaders headers, String body, ObjectMapper mapper, String system, String call) {

    /** The body as JSON; an empty body is an empty object. Anything else is a retryable "malformed" failure. */
    public JsonNode json() {
      try {
        return body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
      } catch (IOException e) {
        throw VendorFailures.malformed(system, call, "a JSON body", body);
      }
    }

    /** The JSON body's member {@code name}, which the vendor documents as an array; anything else is malformed. */
    public JsonNode array(String name) {
      JsonNode value = json().path(name);
      if (!value.isArray()) {
        throw VendorFailures.malformed(system, call, "a \"" + name + "\" list", body);
      }
      return value;
    }

    public boolean isSuccess() {
      return status / 100 == 2;
    }
  }

  /** GET, POST, PUT, PATCH or DELETE {@code path} (relative to the base URL, with its query) with an optional JSON body. */
  public Response send(String call, String method, String path, Object body, int... accepted) {
    return send(call, method, path, body, Map.of(), accepted);
  }

  public Response send(String call, String method, String path, Object body, Map<String, String> headers, int... accepted) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : RunwayJson.write(body));
    return exchange(call, method, path, publisher, body == null ? null : "application/json", headers, accepted);
  }

  /** POSTs an {@code application/x-www-form-urlencoded} body (an OAuth token request). */
  public Response sendForm(String call, String path, String form, int... accepted) {
    return exchange(call, "POST", path, HttpRequest.BodyPublishers.ofString(form), "application/x-www-form-urlencoded", Map.of(),
        accepted);
  }

  private Response exchange(String call, String method, String path, HttpRequest.BodyPublisher body, String contentType,
      Map<String, String> headers, int... accepted) {
    OpenTelemetry otel = openTelemetry != null ? openTelemetry : VendorTracing.current();
    URI uri = resolve(path);
    AttemptGuard guard = AttemptGuard.current();
    // before the span: a call the attempt may no longer make was never made
    guard.checkpoint(system, call);
    Span span = otel.getTracer(INSTRUMENTATION).spanBuilder(method + " " + system)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(HTTP_METHOD, method)
        .setAttribute(SERVER_ADDRESS, uri.getHost())
        .setAttribute(SERVER_PORT, (long) port(uri))
        .setAttribute(VENDOR, system)
        .setAttribute(VENDOR_CALL, call)
        .startSpan();
    try (Scope scope = span.makeCurrent()) {
      Response response = exchange(otel, guard, call, method, uri, body, contentType, headers, accepted);
      calls.succeeded(call);
      return response;
    } catch (RuntimeException e) {
      if (e instanceof ApplicationFailure failure) {
        calls.failed(call, failure);
      }
      // the failure's type (JiraThrottled, ...), not its message: that can quote the vendor's answer
      String type = e instanceof ApplicationFailure failure ? failure.getType() : e.getClass().getName();
      span.setStatus(StatusCode.ERROR, type);
      span.setAttribute(ERROR_TYPE, type);
      throw e;
    } finally {
      span.end();
    }
  }

  private Response exchange(OpenTelemetry otel, AttemptGuard guard, String call, String method, URI uri,
      HttpRequest.BodyPublisher body, String contentType, Map<String, String> headers, int... accepted) {
    // one deadline for connect, headers and the whole body, never past the attempt's own
    Duration deadline = timeout.compareTo(guard.remaining()) < 0 ? timeout : guard.remaining();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(deadline)
        .header("Accept", "application/json")
        .method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    String auth = authorization.get();
    if (auth != null) {
      request.header("Authorization", auth);
    }
    headers.forEach(request::header);
    otel.getPropagators().getTextMapPropagator().inject(Context.current(), request, HEADERS);
    HttpResponse<CappedBody.Body> response = AnswerWait.await(guard, system, call,
        http.sendAsync(request.build(), CappedBody.handler(maxResponseBytes)), deadline);
    int status = response.statusCode();
    Span.current().setAttribute(HTTP_STATUS, (long) status);
    CappedBody.Body read = response.body();
    String text = new String(read.bytes(), StandardCharsets.UTF_8);
    boolean wanted = status / 100 == 2 || Arrays.stream(accepted).anyMatch(a -> a == status);
    if (read.truncated() && wanted) {
      throw VendorFailures.tooLarge(system, call, maxResponseBytes);
    }
    if (wanted) {
      return new Response(status, response.headers(), text, json, system, call);
    }
    // an error answer is quoted, and quoting cuts it: the part read is enough
    throw VendorFailures.of(system, call, status, response.headers(), text, clock);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private URI resolve(String path) {
    String base = baseUrl.toString();
    if (path.isEmpty()) {
      return baseUrl;
    }
    return URI.create(base.endsWith("/") && path.startsWith("/") ? base + path.substring(1)
        : base.endsWith("/") || path.startsWith("/") ? base + path : base + "/" + path);
  }
}
