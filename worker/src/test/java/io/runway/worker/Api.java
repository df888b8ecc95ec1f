package io.runway.worker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the running app: Basic credentials of a demo user, JSON in and out. */
final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  Api(int port) {
    this.base = "http://localhost:" + port;
  }

  record Response(int status, String contentType, String location, String raw) {
    JsonNode json() {
      return JSON.readTree(raw);
    }

    String detail() {
      return json().path("detail").asString();
    }
  }

  Response get(String user, String path) {
    return send(user, "GET", path, HttpRequest.BodyPublishers.noBody(), null);
  }

  Response post(String user, String path, Object body) {
    String json = body instanceof String s ? s : JSON.writeValueAsString(body);
    return send(user, "POST", path, HttpRequest.BodyPublishers.ofString(json), "application/json");
  }

  Response put(String user, String path, Object body) {
    return send(user, "PUT", path, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)), "application/json");
  }

  /** Sends the bytes without a Content-Length (chunked), the way a streaming client would. */
  Response postChunked(String user, String path, byte[] body) {
    return send(
        user, "POST", path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
        "application/json");
  }

  /** Posts exact bytes with extra headers and no user, as a webhook sender does. */
  Response postRaw(String path, byte[] body, Map<String, String> headers) {
    return send(null, "POST", path, HttpRequest.BodyPublishers.ofByteArray(body), "application/json", headers);
  }

  Response send(String user, String method, String path, BodyPublisher body, String contentType) {
    return send(user, method, path, body, contentType, Map.of());
  }

  Response send(
      String user, String method, String path, BodyPublisher body, String contentType, Map<String, String> headers) {
    // far above any answer the API gives (at most runway.api.temporal-timeout): a hung request fails the test
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method, body)
        .timeout(java.time.Duration.ofSeconds(60));
    headers.forEach(request::header);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (user != null) {
      String credentials = user.contains(":") ? user : user + ":demo";
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Location").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
