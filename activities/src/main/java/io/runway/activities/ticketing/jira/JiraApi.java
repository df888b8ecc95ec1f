package io.runway.activities.ticketing.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.activities.http.VendorFailures;
import io.runway.activities.http.VendorHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Jira Cloud REST v3 calls Runway makes, one method each, named as the failures will name them.
 * Failures (4xx final, 429 after Retry-After, 5xx and timeouts retried) come from {@link VendorHttp};
 * an answer without the shape Atlassian documents is a retryable "malformed" failure, never read as
 * "no issue" or as an issue without a key.
 */
final class JiraApi {

  static final String SEARCH = "/rest/api/3/search/jql";
  private static final String ISSUE = "/rest/api/3/issue";
  private static final int COMMENT_PAGE = 100;
  /** More than one hit is how a duplicate made by an earlier, lost attempt shows. */
  static final int LOOKUP_HITS = 10;
  private static final List<String> ISSUE_FIELDS = List.of("summary", "status", "labels");

  record Transition(String id, String name) {}

  /** An issue as a lookup sees it: its labels and the {@code runway} property say which request made it. */
  record Issue(String id, String key, List<String> labels, JsonNode property) {

    boolean carries(String requestLabel, String requestKey) {
      return labels.contains(requestLabel) || requestKey.equals(property.path("requestKey").asText(null));
    }

    /** Jira's ids grow with each create: the lower one is the earlier issue. */
    long order() {
      try {
        return Long.parseLong(id);
      } catch (NumberFormatException notNumeric) {
        return Long.MAX_VALUE;
      }
    }
  }

  private final VendorHttp http;

  JiraApi(VendorHttp http) {
    this.http = http;
  }

  /**
   * Issues {@code jql} finds, with their labels and {@code runway} property. {@code reconcile} lists
   * issue ids Jira must show as they are now (its read-after-write route for issues just written).
   */
  List<Issue> findIssues(String jql, List<String> reconcile) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jql", jql);
    body.put("fields", ISSUE_FIELDS);
    body.put("properties", List.of(JiraTicketingActivities.PROPERTY));
    body.put("maxResults", LOOKUP_HITS);
    if (!reconcile.isEmpty()) {
      body.put("reconcileIssues", reconcile.stream().map(Long::parseLong).toList());
    }
    VendorHttp.Response answer = http.send("search issues", "POST", SEARCH, body);
    List<Issue> issues = new ArrayList<>();
    for (JsonNode hit : answer.array("issues")) {
      issues.add(issue(answer, hit));
    }
    return issues;
  }

  /** The issue by id or key, read directly (consistent, unlike search); empty when Jira has no such issue. */
  Optional<Issue> getIssue(String idOrKey) {
    VendorHttp.Response answer = http.send("get issue " + idOrKey, "GET",
        issue(idOrKey) + "?fields=" + String.join(",", ISSUE_FIELDS) + "&properties=" + JiraTicketingActivities.PROPERTY, null, 404);
    return answer.status() == 404 ? Optional.empty() : Optional.of(issue(answer, answer.json()));
  }

  /** Creates an issue with its {@code runway} property in the same call; a 201 without the new key is malformed. */
  Issue createIssue(Map<String, Object> fields, Map<String, Object> property) {
    VendorHttp.Response answer = http.send("create issue", "POST", ISSUE,
        Map.of("fields", fields, "properties", List.of(Map.of("key", JiraTicketingActivities.PROPERTY, "value", property))));
    JsonNode created = answer.json();
    if (!created.path("key").isTextual() || created.path("key").asText().isBlank() || !created.path("id").isTextual()) {
      throw VendorFailures.malformed(JiraTicketingActivities.VENDOR, "create issue", "the new issue's id and key", answer.body());
    }
    return new Issue(created.path("id").asText(), created.path("key").asText(), List.of(), created.path("missing"));
  }

  void setProperty(String issueKey, String property, Object value) {
    http.send("set property " + property + " on issue " + issueKey, "PUT", issue(issueKey) + "/properties/" + property, value);
  }

  /** Takes the request's label off a duplicate and marks it, so only the adopted issue carries the request. */
  void relabelDuplicate(String issueKey, String requestLabel, String duplicateLabel) {
    http.send("relabel duplicate issue " + issueKey, "PUT", issue(issueKey),
        Map.of("update", Map.of("labels", List.of(Map.of("remove", requestLabel), Map.of("add", duplicateLabel)))));
  }

  /** Every comment of the issue, oldest first, read page by page. */
  List<JsonNode> comments(String issueKey) {
    List<JsonNode> comments = new ArrayList<>();
    while (true) {
      VendorHttp.Response answer = http.send("list comments of issue " + issueKey, "GET",
          issue(issueKey) + "/comment?startAt=" + comments.size() + "&maxResults=" + COMMENT_PAGE, null);
      JsonNode page = answer.array("comments");
      if (!answer.json().path("total").isNumber()) {
        throw VendorFailures.malformed(JiraTicketingActivities.VENDOR, "list comments of issue " + issueKey, "a \"total\"", answer.body());
      }
      page.forEach(comments::add);
      if (page.isEmpty() || comments.size() >= answer.json().path("total").asLong()) {
        return comments;
      }
    }
  }

  void addComment(String issueKey, Map<String, Object> adfBody) {
    http.send("comment on issue " + issueKey, "POST", issue(issueKey) + "/comment", Map.of("body", adfBody));
  }

  /** The key of the status category the issue is in: {@code new}, {@code indeterminate} or {@code done}. */
  String statusCategory(String issueKey) {
    VendorHttp.Response answer = http.send("get issue " + issueKey, "GET", issue(issueKey) + "?fields=status", null);
    JsonNode category = answer.json().path("fields").path("status").path("statusCategory").path("key");
    if (!category.isTextual()) {
      throw VendorFailures.malformed(JiraTicketingActivities.VENDOR, "get issue " + issueKey, "fields.status.statusCategory.key",
          answer.body());
    }
    return category.asText();
  }

  /** The transitions the issue's workflow offers from its current status. */
  List<Transition> transitions(String issueKey) {
    List<Transition> transitions = new ArrayList<>();
    http.send("list transitions of issue " + issueKey, "GET", issue(issueKey) + "/transitions", null).array("transitions")
        .forEach(t -> transitions.add(new Transition(t.path("id").asText(), t.path("name").asText())));
    return transitions;
  }

  void transition(String issueKey, Transition transition) {
    http.send("transition issue " + issueKey + " with \"" + transition.name() + "\"", "POST", issue(issueKey) + "/transitions",
        Map.of("transition", Map.of("id", transition.id())));
  }

  private static Issue issue(VendorHttp.Response answer, JsonNode hit) {
    if (!hit.path("id").isTextual() || !hit.path("key").isTextual()) {
      throw VendorFailures.malformed(JiraTicketingActivities.VENDOR, "search issues", "an id and a key on every issue", answer.body());
    }
    List<String> labels = new ArrayList<>();
    hit.path("fields").path("labels").forEach(l -> labels.add(l.asText()));
    return new Issue(hit.path("id").asText(), hit.path("key").asText(), labels,
        hit.path("properties").path(JiraTicketingActivities.PROPERTY));
  }

  private static String issue(String issueKey) {
    return ISSUE + "/" + URLEncoder.encode(issueKey, StandardCharsets.UTF_8);
  }
}
