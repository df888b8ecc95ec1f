package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.worker.security.LoginThrottle;
import io.runway.worker.security.SecurityHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** Headers on every response (answers, refusals, public paths) and the demo users' sign-in throttle. */
class SecurityHeadersAndThrottlingTest extends ApiTestSupport {

  /** A demo user no other test signs in as: this test pauses it. */
  private static final String THROTTLED = "legal-2";

  private final HttpClient http = HttpClient.newHttpClient();

  @Autowired LoginThrottle throttle;
  @Autowired Environment environment;

  @AfterEach
  void liftThePause() {
    throttle.clearUser(THROTTLED);
  }

  private HttpResponse<String> get(String path, String credentials, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (credentials != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() throws Exception {
    for (HttpResponse<String> response : new HttpResponse[] {
        get("/api/v1/initiatives", "auditor-1:demo", Map.of()),
        get("/api/v1/initiatives", null, Map.of()),
        get("/api/v1/webhooks/deliveries", "security-1:demo", Map.of()),
        get("/actuator/health", null, Map.of())}) {
      var headers = response.headers();
      assertThat(headers.firstValue("Content-Security-Policy")).as(response.uri() + " " + response.statusCode())
          .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
      assertThat(headers.firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'", "script-src 'self'");
      assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
      assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(headers.firstValue("Referrer-Policy")).contains("same-origin");
      assertThat(headers.firstValue("Permissions-Policy")).contains(SecurityHeaders.PERMISSIONS_POLICY);
      assertThat(headers.firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
    }
  }

  /** Forwarded headers count only from runway.http.trusted-proxies (none here; see TrustedProxyTest for a proxy). */
  @Test
  void aClientThatIsNoTrustedProxyCannotClaimHttps() throws Exception {
    HttpResponse<String> response = get("/api/v1/initiatives", "auditor-1:demo", Map.of("X-Forwarded-Proto", "https"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
  }

  @Test
  void errorsNeverCarryAStackTrace() {
    assertThat(environment.getProperty("server.error.include-stacktrace")).isEqualTo("never");
    Api.Response malformed = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", "{\"key\": ");

    assertProblem(malformed, 400);
    assertThat(malformed.raw()).doesNotContain("Exception", "\tat ", "trace");
  }

  @Test
  void fiveFailedSignInsPauseTheUserWith429AndRetryAfterEvenForTheRightPassword() throws Exception {
    for (int i = 0; i < throttle.maxFailures(); i++) {
      assertThat(get("/api/v1/tasks", THROTTLED + ":guess" + i, Map.of()).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> paused = get("/api/v1/tasks", THROTTLED + ":demo", Map.of());

    assertThat(paused.statusCode()).isEqualTo(429);
    assertThat(paused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    long retryAfter = Long.parseLong(paused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, throttle.window().toSeconds());
    assertThat(Api.JSON.readTree(paused.body()).path("detail").asString()).contains("Too many failed sign-ins for " + THROTTLED + " from this address");
    assertThat(get("/api/v1/tasks", "legal-1:demo", Map.of()).statusCode()).as("other users are unaffected").isEqualTo(200);

    throttle.clearUser(THROTTLED);
    assertThat(get("/api/v1/tasks", THROTTLED + ":demo", Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void aSuccessfulSignInStartsTheCountAgain() throws Exception {
    for (int i = 0; i < throttle.maxFailures() - 1; i++) {
      get("/api/v1/tasks", THROTTLED + ":guess" + i, Map.of());
    }
    assertThat(get("/api/v1/tasks", THROTTLED + ":demo", Map.of()).statusCode()).isEqualTo(200);

    assertThat(get("/api/v1/tasks", THROTTLED + ":guess", Map.of()).statusCode()).as("one failure after a success").isEqualTo(401);
    assertThat(throttle.retryAfter("127.0.0.1", THROTTLED)).isEmpty();
  }
}
