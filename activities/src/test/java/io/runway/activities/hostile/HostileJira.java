package io.runway.activities.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runway.activities.hostile.HostileVendor.Answer;
import io.runway.activities.hostile.HostileVendor.Request;
import io.runway.activities.json.RunwayJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jira Cloud's REST v3 as the adapter uses it, with an eventually consistent search: an issue shows in
 * {@code /search/jql} only {@link #searchLag} after its creation, unless its id is in
 * {@code reconcileIssues} (Atlassian's read-after-write route). Issues are never deleted.
 */
public final class HostileJira {

  private static final ObjectMapper JSON = RunwayJson.mapper();
  private static final Pattern ISSUE_PATH = Pattern.compile("/rest/api/3/issue/([^/]+)(/.*)?");
  private static final Pattern LABEL = Pattern.compile("labels = \"([^\"]+)\"");
  private static final Pattern REQUEST_KEY = Pattern.compile("issue\\.property\\[runway]\\.requestKey = \"([^\"]+)\"");

  /** An issue as Jira keeps it. */
  public static final class Issue {
    public final String id;
    public final String key;
    public final Set<String> labels = new LinkedHashSet<>();
    public final Map<String, JsonNode> properties = new LinkedHashMap<>();
    public final List<JsonNode> comments = new ArrayList<>();
    public volatile String statusCategory = "new";
    final long createdNanos = System.nanoTime();

    Issue(String id, String key) {
      this.id = id;
      this.key = key;
    }

    /** The request key the issue carries, in its {@code runway} property. */
    public String requestKey() {
      JsonNode property = properties.get("runway");
      return property == null ? null : property.path("requestKey").asText(null);
    }
  }

  private final String baseUrl;
  private final Map<String, Issue> issues = new LinkedHashMap<>();
  private volatile Duration searchLag = Duration.ZERO;

  HostileJira(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** From now on a new issue is invisible to search for this long, as Jira's index lags behind creates. */
  public void searchLag(Duration lag) {
    this.searchLag = lag;
  }

  public synchronized List<Issue> issues() {
    return List.copyOf(issues.values());
  }

  /** The issues that carry this request key (in their property or as the request label): exactly one is right. */
  public synchronized List<Issue> issuesFor(String requestKey, String requestLabel) {
    return issues.values().stream().filter(i -> requestKey.equals(i.requestKey()) || i.labels.contains(requestLabel)).toList();
  }

  public synchronized Optional<Issue> issue(String idOrKey) {
    return issues.values().stream().filter(i -> i.key.equals(idOrKey) || i.id.equals(idOrKey)).findFirst();
  }

  /** Creates an issue as someone else did (another initiative, a person), with these labels and request key. */
  public synchronized Issue seed(String requestKey, String... labels) {
    Issue issue = newIssue();
    issue.labels.addAll(List.of(labels));
    if (requestKey != null) {
      issue.properties.put("runway", JSON.createObjectNode().put("requestKey", requestKey));
    }
    return issue;
  }

  synchronized Answer handle(Request request) {
    String path = request.path();
    String method = request.method();
    if (method.equals("POST") && path.equals("/rest/api/3/search/jql")) {
      return search(read(request.body()));
    }
    if (method.equals("POST") && path.equals("/rest/api/3/issue")) {
      return create(read(request.body()));
    }
    Matcher m = ISSUE_PATH.matcher(path);
    if (!m.matches()) {
      return error(404, "No Jira resource at " + method + " " + path);
    }
    Issue issue = issue(m.group(1)).orElse(null);
    if (issue == null) {
      return error(404, "Issue does not exist or you do not have permission to see it.");
    }
    String sub = m.group(2) == null ? "" : m.group(2);
    return switch (method + " " + sub) {
      case "GET " -> Answer.json(200, write(bean(issue)));
      case "PUT " -> edit(issue, read(request.body()));
      case "PUT /properties/runway" -> {
        boolean existed = issue.properties.containsKey("runway");
        issue.properties.put("runway", read(request.body()));
        yield Answer.empty(existed ? 200 : 201);
      }
      case "GET /comment" -> comments(issue, HostileVendor.params(request.query()));
      case "POST /comment" -> {
        issue.comments.add(read(request.body()).path("body"));
        yield Answer.json(201, write(comment(issue, issue.comments.size() - 1)));
      }
      case "GET /transitions" -> Answer.json(200, write(Map.of("transitions", List.of(
          Map.of("id", "11", "name", "Start Progress"), Map.of("id", "31", "name", "Done"), Map.of("id", "41", "name", "Cancel")))));
      case "POST /transitions" -> {
        issue.statusCategory = "11".equals(read(request.body()).path("transition").path("id").asText()) ? "indeterminate" : "done";
        yield Answer.empty(204);
      }
      default -> error(404, "No Jira resource at " + method + " " + path);
    };
  }

  private Answer search(JsonNode body) {
    String jql = body.path("jql").asText();
    Matcher label = LABEL.matcher(jql);
    Matcher key = REQUEST_KEY.matcher(jql);
    String wantedLabel = label.find() ? label.group(1) : null;
    String wantedKey = key.find() ? key.group(1) : null;
    Set<String> reconciled = new LinkedHashSet<>();
    body.path("reconcileIssues").forEach(id -> reconciled.add(id.asText()));
    int max = body.path("maxResults").asInt(50);
    List<Object> found = new ArrayList<>();
    for (Issue issue : issues.values()) {
      boolean indexed = System.nanoTime() - issue.createdNanos >= searchLag.toNanos() || reconciled.contains(issue.id);
      boolean matches = (wantedLabel != null && issue.labels.contains(wantedLabel))
          || (wantedKey != null && wantedKey.equals(issue.requestKey()));
      if (indexed && matches && found.size() < max) {
        found.add(bean(issue));
      }
    }
    return Answer.json(200, write(Map.of("issues", found, "isLast", true)));
  }

  private Answer create(JsonNode body) {
    Issue issue = newIssue();
    body.path("fields").path("labels").forEach(l -> issue.labels.add(l.asText()));
    body.path("properties").forEach(p -> issue.properties.put(p.path("key").asText(), p.path("value")));
    return Answer.json(201, write(Map.of("id", issue.id, "key", issue.key, "self", self(issue))));
  }

  private Answer edit(Issue issue, JsonNode body) {
    body.path("update").path("labels").forEach(op -> {
      if (op.has("add")) {
        issue.labels.add(op.path("add").asText());
      }
      if (op.has("remove")) {
        issue.labels.remove(op.path("remove").asText());
      }
    });
    return Answer.empty(204);
  }

  private Answer comments(Issue issue, Map<String, String> params) {
    int startAt = Integer.parseInt(params.getOrDefault("startAt", "0"));
    int max = Integer.parseInt(params.getOrDefault("maxResults", "50"));
    List<Object> page = new ArrayList<>();
    for (int i = startAt; i < Math.min(issue.comments.size(), startAt + max); i++) {
      page.add(comment(issue, i));
    }
    return Answer.json(200, write(Map.of("startAt", startAt, "maxResults", max, "total", issue.comments.size(), "comments", page)));
  }

  private Issue newIssue() {
    Issue issue = new Issue(String.valueOf(10001 + issues.size()), "SEC-" + (issues.size() + 1));
    issues.put(issue.key, issue);
    return issue;
  }

  private Map<String, Object> bean(Issue issue) {
    String name = switch (issue.statusCategory) {
      case "done" -> "Done";
      case "indeterminate" -> "In Progress";
      default -> "To Do";
    };
    return Map.of("id", issue.id, "key", issue.key, "self", self(issue),
        "fields", Map.of("labels", List.copyOf(issue.labels), "summary", "Runway gate",
            "status", Map.of("name", name, "statusCategory", Map.of("key", issue.statusCategory))),
        "properties", Map.copyOf(issue.properties));
  }

  private Map<String, Object> comment(Issue issue, int index) {
    String id = String.valueOf(10100 + index);
    return Map.of("id", id, "self", self(issue) + "/comment/" + id, "body", issue.comments.get(index));
  }

  private String self(Issue issue) {
    return baseUrl + "/rest/api/3/issue/" + issue.id;
  }

  private static Answer error(int status, String message) {
    return Answer.json(status, write(Map.of("errorMessages", List.of(message), "errors", Map.of())));
  }

  static JsonNode read(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON: " + body, e);
    }
  }

  static String write(Object value) {
    return RunwayJson.write(value);
  }
}
