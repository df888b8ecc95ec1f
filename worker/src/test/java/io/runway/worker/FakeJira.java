package io.runway.worker;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A Jira Cloud project that remembers what it was sent, answering the REST v3 calls the Jira adapter
 * makes as Jira does: issues found by label or by the {@code runway} entity property through
 * {@code /search/jql}, comments listed once posted, the status category moved by a transition. It
 * answers the WireMock stub that names it; stubs of a higher priority can still inject failures.
 */
final class FakeJira implements ResponseDefinitionTransformerV2 {

  static final String NAME = "fake-jira";
  static final String DONE_TRANSITION_ID = "31";
  private static final Pattern ISSUE_PATH = Pattern.compile("/rest/api/3/issue/([^/?]+)(/[^?]*)?");
  private static final Pattern LABEL = Pattern.compile("labels = \"([^\"]+)\"");
  private static final Pattern REQUEST_KEY = Pattern.compile("issue\\.property\\[runway]\\.requestKey = \"([^\"]+)\"");

  /** One issue as Jira keeps it; {@code property} is the {@code runway} entity property, once written. */
  static final class Issue {
    final String id;
    final String key;
    final List<String> labels;
    final String summary;
    final List<JsonNode> comments = new ArrayList<>();
    JsonNode property;
    String statusCategory = "new";

    Issue(String id, String key, List<String> labels, String summary) {
      this.id = id;
      this.key = key;
      this.labels = labels;
      this.summary = summary;
    }
  }

  private final String projectKey;
  private final Map<String, Issue> issues = new LinkedHashMap<>();
  /** The label of the one create whose answer is lost after Jira stored the issue, as on a dropped connection. */
  private String dropAnswerOfCreateLabelled;
  private String baseUrl = "";

  FakeJira(String projectKey) {
    this.projectKey = projectKey;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  void baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The next create carrying {@code label} is stored, and its answer lost: the connection drops. */
  synchronized void dropAnswerOfCreateLabelled(String label) {
    dropAnswerOfCreateLabelled = label;
  }

  /** Someone moved the issue to a status of the done category in Jira itself. */
  synchronized void resolve(String issueKey) {
    issue(issueKey).orElseThrow(() -> new AssertionError("Jira has no issue " + issueKey)).statusCategory = "done";
  }

  synchronized List<Issue> issues() {
    return List.copyOf(issues.values());
  }

  synchronized Optional<Issue> issue(String issueKey) {
    return Optional.ofNullable(issues.get(issueKey));
  }

  /** The issue created with {@code label}, which every issue Runway opens for a gate carries (its slug). */
  synchronized Issue issueLabelled(String label) {
    return issues.values().stream().filter(i -> i.labels.contains(label)).findFirst()
        .orElseThrow(() -> new AssertionError("Jira has no issue labelled " + label + "; it has " + issues.keySet()));
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    LoggedRequest request = event.getRequest();
    String method = request.getMethod().getName();
    URI uri = URI.create(request.getUrl());
    String path = uri.getPath();
    if ("POST".equals(method) && "/rest/api/3/search/jql".equals(path)) {
      return search(Api.JSON.readTree(request.getBodyAsString()).path("jql").asString());
    }
    if ("POST".equals(method) && "/rest/api/3/issue".equals(path)) {
      JsonNode body = Api.JSON.readTree(request.getBodyAsString());
      return create(body.path("fields"), body.path("properties"));
    }
    Matcher m = ISSUE_PATH.matcher(path);
    if (!m.matches()) {
      return json(404, error("No Jira resource at " + method + " " + path));
    }
    Issue issue = issues.values().stream().filter(i -> i.key.equals(m.group(1)) || i.id.equals(m.group(1))).findFirst().orElse(null);
    if (issue == null) {
      return json(404, error("Issue does not exist or you do not have permission to see it."));
    }
    String sub = m.group(2) == null ? "" : m.group(2);
    switch (method + " " + sub) {
      case "GET " -> {
        return json(200, bean(issue));
      }
      case "PUT " -> {
        Api.JSON.readTree(request.getBodyAsString()).path("update").path("labels").forEach(op -> {
          if (op.has("add")) {
            issue.labels.add(op.path("add").asString());
          }
          if (op.has("remove")) {
            issue.labels.remove(op.path("remove").asString());
          }
        });
        return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
      }
      case "PUT /properties/runway" -> {
        // as Jira: 201 when the property is created, 200 when it is overwritten
        boolean existed = issue.property != null;
        issue.property = Api.JSON.readTree(request.getBodyAsString());
        return ResponseDefinitionBuilder.responseDefinition().withStatus(existed ? 200 : 201).build();
      }
      case "GET /comment" -> {
        int startAt = intParam(uri, "startAt", 0);
        int maxResults = intParam(uri, "maxResults", 50);
        List<Object> page = new ArrayList<>();
        for (int i = startAt; i < Math.min(issue.comments.size(), startAt + maxResults); i++) {
          page.add(comment(issue, i));
        }
        return json(200, Map.of("startAt", startAt, "maxResults", maxResults, "total", issue.comments.size(), "comments", page));
      }
      case "POST /comment" -> {
        issue.comments.add(Api.JSON.readTree(request.getBodyAsString()).path("body"));
        return json(201, comment(issue, issue.comments.size() - 1));
      }
      case "GET /transitions" -> {
        return json(200, Map.of("expand", "transitions", "transitions", List.of(
            transition("11", "Start Progress", "indeterminate"), transition(DONE_TRANSITION_ID, "Done", "done"))));
      }
      case "POST /transitions" -> {
        String id = Api.JSON.readTree(request.getBodyAsString()).path("transition").path("id").asString();
        if (!DONE_TRANSITION_ID.equals(id) && !"11".equals(id)) {
          return json(400, error("Transition id '" + id + "' is not valid for this issue."));
        }
        issue.statusCategory = DONE_TRANSITION_ID.equals(id) ? "done" : "indeterminate";
        return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
      }
      default -> {
        return json(404, error("No Jira resource at " + method + " " + path));
      }
    }
  }

  private ResponseDefinition search(String jql) {
    Matcher label = LABEL.matcher(jql);
    Matcher requestKey = REQUEST_KEY.matcher(jql);
    String wantedLabel = label.find() ? label.group(1) : null;
    String wantedKey = requestKey.find() ? requestKey.group(1) : null;
    List<Object> found = new ArrayList<>();
    for (Issue issue : issues.values()) {
      boolean byLabel = wantedLabel != null && issue.labels.contains(wantedLabel);
      boolean byProperty = wantedKey != null && issue.property != null && wantedKey.equals(issue.property.path("requestKey").asString());
      if (jql.contains("project = \"" + projectKey + "\"") && (byLabel || byProperty)) {
        found.add(bean(issue));
      }
    }
    return json(200, Map.of("issues", found, "isLast", true));
  }

  /** An issue as search and get-issue return it, with the fields and the entity property Runway asks for. */
  private Map<String, Object> bean(Issue issue) {
    Map<String, Object> properties = issue.property == null ? Map.of() : Map.of("runway", issue.property);
    return Map.of("expand", "", "id", issue.id, "self", self(issue), "key", issue.key,
        "fields", Map.of("summary", issue.summary, "status", status(issue), "labels", issue.labels), "properties", properties);
  }

  private ResponseDefinition create(JsonNode fields, JsonNode properties) {
    if (!projectKey.equals(fields.path("project").path("key").asString())) {
      return json(400, error("valid project is required"));
    }
    String id = String.valueOf(10001 + issues.size());
    String key = projectKey + "-" + (issues.size() + 1);
    List<String> labels = new ArrayList<>();
    fields.path("labels").forEach(l -> labels.add(l.asString()));
    Issue issue = new Issue(id, key, labels, fields.path("summary").asString());
    properties.forEach(p -> {
      if ("runway".equals(p.path("key").asString())) {
        issue.property = p.path("value");
      }
    });
    issues.put(key, issue);
    if (dropAnswerOfCreateLabelled != null && labels.contains(dropAnswerOfCreateLabelled)) {
      dropAnswerOfCreateLabelled = null;
      return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    return json(201, Map.of("id", id, "key", key, "self", self(issue)));
  }

  private Map<String, Object> comment(Issue issue, int index) {
    String id = String.valueOf(10100 + index);
    return Map.of("id", id, "self", self(issue) + "/comment/" + id, "author", Map.of("accountId", "5b10a2844c20165700ede21g"),
        "body", issue.comments.get(index), "created", "2026-11-23T10:00:00.000+0000");
  }

  private static Map<String, Object> transition(String id, String name, String category) {
    return Map.of("id", id, "name", name, "hasScreen", false,
        "to", Map.of("id", "100" + id, "name", name, "statusCategory", Map.of("key", category)));
  }

  private static Map<String, Object> status(Issue issue) {
    String name = switch (issue.statusCategory) {
      case "done" -> "Done";
      case "indeterminate" -> "In Progress";
      default -> "To Do";
    };
    return Map.of("name", name, "statusCategory", Map.of("key", issue.statusCategory, "name", name));
  }

  private String self(Issue issue) {
    return baseUrl + "/rest/api/3/issue/" + issue.id;
  }

  private static int intParam(URI uri, String name, int fallback) {
    if (uri.getRawQuery() == null) {
      return fallback;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      String[] nameValue = pair.split("=", 2);
      if (nameValue[0].equals(name) && nameValue.length == 2) {
        return Integer.parseInt(nameValue[1]);
      }
    }
    return fallback;
  }

  private static Map<String, Object> error(String message) {
    return Map.of("errorMessages", List.of(message), "errors", Map.of());
  }

  private static ResponseDefinition json(int status, Object body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(Api.JSON.writeValueAsString(body)).build();
  }
}
