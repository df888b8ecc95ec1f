package io.runway.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Every call is counted by {@link IntegrationCalls}.
 */
public final class VendorHttp {

  private final String system;
  private final URI baseUrl;
  private final Duration timeout;
  private final Supplier<String> authorization;
  private final HttpClient http;
  private final Clock clock;
  private final IntegrationCalls calls;
  private final ObjectMapper json = RunwayJson.mapper();

  public VendorHttp(String system, URI baseUrl, Duration timeout, Supplier<String> authorization) {
    this(system, baseUrl, timeout, authorization, Clock.systemUTC());
  }

  VendorHttp(String system, URI baseUrl, Duration timeout, Supplier<String> authorization, Clock clock) {
    this.system = system;
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    this.authorization = authorization;
    this.clock = clock;
    this.calls = new IntegrationCalls(system);
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
    try {
      Response response = exchange(call, method, path, body, headers, accepted);
      calls.succeeded(call);
      return response;
    } catch (ApplicationFailure failure) {
      calls.failed(call, failure);
      throw failure;
    }
  }

  private Response exchange(String call, String method, String path, Object body, Map<String, String> headers, int... accepted) {
    HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(timeout)
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
    if (status / 100 == 2 || Arrays.stream(accepted).anyMatch(a -> a == status)) {
      return new Response(status, response.headers(), response.body(), json);
    }
    throw VendorFailures.of(system, call, status, response.headers(), response.body(), clock);
  }

  private URI resolve(String path) {
    String base = baseUrl.toString();
    return URI.create(base.endsWith("/") && path.startsWith("/") ? base + path.substring(1)
        : base.endsWith("/") || path.startsWith("/") ? base + path : base + "/" + path);
  }
}
