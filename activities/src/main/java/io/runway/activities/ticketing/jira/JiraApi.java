package io.runway.activities.ticketing.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.activities.http.VendorHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Jira Cloud REST v3 calls Runway makes, one method each, named as the failures will name them.
 * Failures (4xx final, 429 after Retry-After, 5xx and timeouts retried) come from {@link VendorHttp}.
 */
final class JiraApi {

  static final String SEARCH = "/rest/api/3/search/jql";
  private static final String ISSUE = "/rest/api/3/issue";
  private static final int COMMENT_PAGE = 100;

  record Transition(String id, String name) {}

  private final VendorHttp http;

  JiraApi(VendorHttp http) {
    this.http = http;
  }

  /** The key of the first issue {@code jql} finds. */
  Optional<String> findIssueKey(String jql) {
    // startAt and total are gone from /search/jql; one match is all an idempotency lookup needs
    Map<String, Object> body = Map.of("jql", jql, "fields", List.of("summary", "status"), "maxResults", 1);
    JsonNode issues = http.send("search issues", "POST", SEARCH, body).json().path("issues");
    return issues.isEmpty() ? Optional.empty() : Optional.of(issues.get(0).path("key").asText());
  }

  /** Creates an issue and returns its key. */
  String createIssue(Map<String, Object> fields) {
    return http.send("create issue", "POST", ISSUE, Map.of("fields", fields)).json().path("key").asText();
  }

  void setProperty(String issueKey, String property, Object value) {
    http.send("set property " + property + " on issue " + issueKey, "PUT", issue(issueKey) + "/properties/" + property, value);
  }

  /** Every comment of the issue, oldest first, read page by page. */
  List<JsonNode> comments(String issueKey) {
    List<JsonNode> comments = new ArrayList<>();
    while (true) {
      JsonNode page = http.send("list comments of issue " + issueKey, "GET",
          issue(issueKey) + "/comment?startAt=" + comments.size() + "&maxResults=" + COMMENT_PAGE, null).json();
      page.path("comments").forEach(comments::add);
      if (page.path("comments").isEmpty() || comments.size() >= page.path("total").asLong()) {
        return comments;
      }
    }
  }

  void addComment(String issueKey, Map<String, Object> adfBody) {
    http.send("comment on issue " + issueKey, "POST", issue(issueKey) + "/comment", Map.of("body", adfBody));
  }

  /** The key of the status category the issue is in: {@code new}, {@code indeterminate} or {@code done}. */
  String statusCategory(String issueKey) {
    JsonNode issue = http.send("get issue " + issueKey, "GET", issue(issueKey) + "?fields=status", null).json();
    return issue.path("fields").path("status").path("statusCategory").path("key").asText();
  }

  /** The transitions the issue's workflow offers from its current status. */
  List<Transition> transitions(String issueKey) {
    List<Transition> transitions = new ArrayList<>();
    http.send("list transitions of issue " + issueKey, "GET", issue(issueKey) + "/transitions", null).json()
        .path("transitions")
        .forEach(t -> transitions.add(new Transition(t.path("id").asText(), t.path("name").asText())));
    return transitions;
  }

  void transition(String issueKey, Transition transition) {
    http.send("transition issue " + issueKey + " with \"" + transition.name() + "\"", "POST", issue(issueKey) + "/transitions",
        Map.of("transition", Map.of("id", transition.id())));
  }

  private static String issue(String issueKey) {
    return ISSUE + "/" + URLEncoder.encode(issueKey, StandardCharsets.UTF_8);
  }
}
