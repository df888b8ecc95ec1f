package io.runway.activities.ticketing.jira;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.runway.activities.json.RunwayJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks requests Runway sent against Atlassian's OpenAPI document for Jira Cloud (the subset in
 * shared/specs). The search endpoint is newer than that snapshot, so its body is checked here by hand.
 */
final class JiraContract {

  static final String SPEC = "shared/specs/jira-platform-v3-subset.json";
  static final String BUNDLED_COPY = "src/test/resources/specs/jira-platform-v3-subset.json";
  private static final Set<String> SEARCH_KEYS = Set.of("jql", "fields", "maxResults", "nextPageToken", "properties",
      "fieldsByKeys", "expand", "reconcileIssues");
  private static OpenApiInteractionValidator validator;

  record SentRequest(String method, String url, Map<String, List<String>> headers, String body) {
    static SentRequest of(LoggedRequest logged) {
      Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
      logged.getHeaders().all().forEach(h -> headers.put(h.key(), h.values()));
      return new SentRequest(logged.getMethod().getName(), logged.getUrl(), headers, logged.getBodyAsString());
    }
  }

  private JiraContract() {}

  /** Every violation of every request WireMock received, one line each. */
  static List<String> violations(List<ServeEvent> journal) {
    List<String> violations = new ArrayList<>();
    journal.forEach(event -> violations.addAll(violations(SentRequest.of(event.getRequest()))));
    return violations;
  }

  static List<String> violations(SentRequest sent) {
    URI uri = URI.create(sent.url());
    String where = sent.method() + " " + sent.url() + ": ";
    if (JiraApi.SEARCH.equals(uri.getPath())) {
      return searchViolations(sent).stream().map(v -> where + v).toList();
    }
    SimpleRequest.Builder request = new SimpleRequest.Builder(sent.method(), uri.getPath());
    sent.headers().forEach(request::withHeader);
    if (sent.body() != null && !sent.body().isEmpty()) {
      request.withBody(sent.body());
    }
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] nameValue = pair.split("=", 2);
        request.withQueryParam(decode(nameValue[0]), nameValue.length > 1 ? decode(nameValue[1]) : "");
      }
    }
    ValidationReport report = validator().validateRequest(request.build());
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(m -> where + m.getKey() + ": " + m.getMessage())
        .toList();
  }

  private static List<String> searchViolations(SentRequest sent) {
    List<String> violations = new ArrayList<>();
    if (!"POST".equals(sent.method())) {
      violations.add("search must be POSTed with a JSON body");
      return violations;
    }
    JsonNode body;
    try {
      body = RunwayJson.mapper().readTree(sent.body());
    } catch (IOException e) {
      return List.of("body is not JSON");
    }
    if (!body.path("jql").isTextual() || body.path("jql").asText().isBlank()) {
      violations.add("jql must be a non-blank string");
    }
    if (!body.path("fields").isArray()) {
      violations.add("fields must be an array of field names");
    }
    if (!body.path("maxResults").isInt() || body.path("maxResults").asInt() < 1) {
      violations.add("maxResults must be a positive integer");
    }
    body.fieldNames().forEachRemaining(name -> {
      if (!SEARCH_KEYS.contains(name)) {
        violations.add(name + " is not accepted by /search/jql (it pages with nextPageToken, not startAt)");
      }
    });
    return violations;
  }

  private static synchronized OpenApiInteractionValidator validator() {
    if (validator == null) {
      try {
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(Files.readString(locateSpec(Path.of("").toAbsolutePath())))
            .build();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the Jira OpenAPI document", e);
      }
    }
    return validator;
  }

  /**
   * The spec sits in shared/ beside the repository (or the worktree): look upwards from {@code start}.
   * A checkout without shared/ beside it uses the copy in test resources (same file, Apache 2.0, from
   * Atlassian's published document), so the contract is still checked rather than skipped.
   */
  static Path locateSpec(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path spec = dir.resolve(SPEC);
      if (Files.isRegularFile(spec)) {
        return spec;
      }
    }
    Path copy = start.resolve(BUNDLED_COPY);
    if (Files.isRegularFile(copy)) {
      return copy;
    }
    throw new IllegalStateException("The Jira contract test needs " + SPEC + " in " + start
        + " or a folder above it (or its copy " + BUNDLED_COPY + "); without it, requests to Jira cannot be checked against Atlassian's API.");
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
