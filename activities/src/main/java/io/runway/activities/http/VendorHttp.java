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
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One vendor's REST API: JSON in and out, a timeout on every call, the vendor's Authorization header
 * computed per call (so a refreshed token is used) and never put in a message. An answer that is
 * neither 2xx nor one the call accepts (a 404 on a lookup, say) becomes a {@link VendorFailures} failure.
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
    this.system = system;
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.authorization = authorization;
    this.openTelemetry = openTelemetry;
    this.calls = new IntegrationCalls(system);
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public record Response(int status, HttpHeaders headers, String body, ObjectMapper mapper) {
    public JsonNode json() {
      try {
        return body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
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
    OpenTelemetry otel = openTelemetry != null ? openTelemetry : VendorTracing.current();
    URI uri = resolve(path);
    Span span = otel.getTracer(INSTRUMENTATION).spanBuilder(method + " " + system)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(HTTP_METHOD, method)
        .setAttribute(SERVER_ADDRESS, uri.getHost())
        .setAttribute(SERVER_PORT, (long) port(uri))
        .setAttribute(VENDOR, system)
        .setAttribute(VENDOR_CALL, call)
        .startSpan();
    try (Scope scope = span.makeCurrent()) {
      Response response = send(otel, call, method, uri, body, headers, accepted);
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

  private Response send(OpenTelemetry otel, String call, String method, URI uri, Object body, Map<String, String> headers,
      int... accepted) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : RunwayJson.write(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    String auth = authorization.get();
    if (auth != null) {
      request.header("Authorization", auth);
    }
    headers.forEach(request::header);
    otel.getPropagators().getTextMapPropagator().inject(Context.current(), request, HEADERS);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw VendorFailures.unreachable(system, call, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw VendorFailures.unreachable(system, call, e);
    }
    int status = response.statusCode();
    Span.current().setAttribute(HTTP_STATUS, (long) status);
    if (status / 100 == 2 || Arrays.stream(accepted).anyMatch(a -> a == status)) {
      return new Response(status, response.headers(), response.body(), json);
    }
    throw VendorFailures.of(system, call, status, response.headers(), response.body(), clock);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private URI resolve(String path) {
    String base = baseUrl.toString();
    return URI.create(base.endsWith("/") && path.startsWith("/") ? base + path.substring(1)
        : base.endsWith("/") || path.startsWith("/") ? base + path : base + "/" + path);
  }
}
