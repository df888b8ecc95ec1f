package io.runway.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A signed-in console user over plain HTTP: the session cookie and the CSRF token of the console's
 * forms, as a browser keeps them. For tests that send the console what no browser form would.
 */
final class ConsoleSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  private String csrf;

  private ConsoleSession(int port) {
    this.base = "http://localhost:" + port;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Signs {@code user} in with the demo password through the login form. */
  static ConsoleSession signIn(int port, String user) {
    ConsoleSession session = new ConsoleSession(port);
    session.csrf = session.token(session.get("/login").body());
    HttpResponse<String> signedIn = session.post("/login", Map.of("username", user, "password", "demo"));
    if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
      throw new IllegalStateException("console sign-in of " + user + " failed: " + signedIn.statusCode() + " "
          + signedIn.headers().firstValue("Location").orElse(""));
    }
    // the session changes at sign-in, and its token with it
    session.csrf = session.token(session.get("/console/inbox").body());
    return session;
  }

  String csrf() {
    return csrf;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
  }

  /** A form post with the session's CSRF token, as the console's own forms send it. */
  HttpResponse<String> post(String path, Map<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    fields.put("_csrf", csrf);
    return postRaw(path, encode(fields), Map.of("Content-Type", "application/x-www-form-urlencoded"));
  }

  HttpResponse<String> postRaw(String path, String body, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  static String encode(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers) {
    headers.forEach(request::header);
    try {
      return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String token(String page) {
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("no CSRF token on the page: " + page.substring(0, Math.min(300, page.length())));
    }
    return m.group(1);
  }
}
