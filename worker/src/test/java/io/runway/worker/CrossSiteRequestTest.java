package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * F4: a page on another site made a signed-in browser launch an initiative (a text/plain form posted to
 * the import) and claim tasks (no body needed), with the Basic credentials the browser had cached. The
 * browser says where a request comes from; Runway now listens, and takes an import only as multipart
 * or the file's own media type (which a cross-site form cannot send without asking first).
 */
class CrossSiteRequestTest extends ApiTestSupport {

  private static final String EVIL = "https://evil.example";

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(String user, String path, String contentType, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCrossSiteFormCannotLaunchThroughTheImport() throws Exception {
    String key = uniqueKey("csrf-import");
    String csv = "key,name\n" + key + ",Launched by another site\n";

    HttpResponse<String> textPlain = post(PROGRAM_OFFICE, "/api/v1/initiatives/import?format=csv", "text/plain", csv, Map.of());
    HttpResponse<String> crossSite = post(PROGRAM_OFFICE, "/api/v1/initiatives/import?format=csv", "text/csv", csv,
        Map.of("Origin", EVIL, "Sec-Fetch-Site", "cross-site"));

    assertThat(textPlain.statusCode()).as(textPlain.body()).isEqualTo(415);
    assertThat(textPlain.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(crossSite.statusCode()).as(crossSite.body()).isEqualTo(403);
    assertThat(Api.JSON.readTree(crossSite.body()).path("detail").asString()).contains("cross-site");
    assertThat(api.get("auditor-1", "/api/v1/initiatives/" + key).status()).isEqualTo(404);
  }

  @Test
  void aBodilessCommandFromAnotherSiteIsRefusedAndChangesNothing() throws Exception {
    String key = uniqueKey("csrf-claim");
    launch(key, "LIMITED");
    String task = openTask(key, "SECURITY_REVIEW").path("id").asString();
    String claim = "/api/v1/tasks/" + task + "/claim";

    HttpResponse<String> bySecFetch = post("security-1", claim, null, "", Map.of("Sec-Fetch-Site", "cross-site"));
    HttpResponse<String> bySameSite = post("security-1", claim, null, "", Map.of("Sec-Fetch-Site", "same-site",
        "Origin", "http://localhost:8088"));
    HttpResponse<String> byOrigin = post("security-1", claim, null, "", Map.of("Origin", EVIL));
    HttpResponse<String> byNullOrigin = post("security-1", claim, null, "", Map.of("Origin", "null"));

    for (HttpResponse<String> refused : java.util.List.of(bySecFetch, bySameSite, byOrigin, byNullOrigin)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
    JsonNode unclaimed = api.get("auditor-1", "/api/v1/tasks/" + task).json();
    assertThat(unclaimed.path("assignee").isNull()).as(unclaimed.toString()).isTrue();
  }

  @Test
  void theSameOriginAndClientsThatAreNoBrowserAreServed() throws Exception {
    String key = uniqueKey("csrf-ok");
    launch(key, "LIMITED");
    String task = openTask(key, "SECURITY_REVIEW").path("id").asString();
    Map<String, String> sameOrigin = new LinkedHashMap<>();
    sameOrigin.put("Origin", "http://localhost:" + port);
    sameOrigin.put("Sec-Fetch-Site", "same-origin");

    HttpResponse<String> claimed = post("security-1", "/api/v1/tasks/" + task + "/claim", null, "", sameOrigin);
    HttpResponse<String> released = post("security-1", "/api/v1/tasks/" + task + "/unclaim", null, "",
        Map.of("Origin", "http://localhost:" + port));
    HttpResponse<String> byCurl = post("security-1", "/api/v1/tasks/" + task + "/claim", null, "", Map.of());

    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
    assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
    assertThat(byCurl.statusCode()).as(byCurl.body()).isEqualTo(200);
  }
}
