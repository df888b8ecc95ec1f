package io.runway.activities.ticketing.jira;

import io.runway.activities.http.VendorHttp;
import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.activity.TicketUpdate;
import io.runway.lifecycle.activity.TicketingActivities;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Tickets as Jira Cloud issues. Every write is looked up by the workflow's request key first, so a
 * retried activity (after a timeout, a 5xx or a worker crash) never makes a second issue or comment.
 */
@Component("ticketingActivities")
@ConditionalOnProperty(name = "runway.ticketing.provider", havingValue = "jira")
@EnableConfigurationProperties(JiraProperties.class)
public class JiraTicketingActivities implements TicketingActivities {

  public static final String SYSTEM = "jira";
  /** The issue entity property that records which Runway request made the issue. */
  static final String PROPERTY = "runway";
  private static final int MAX_SUMMARY = 255;
  private static final int MAX_LABEL = 255;

  private final JiraProperties jira;
  private final JiraApi api;

  public JiraTicketingActivities(JiraProperties jira) {
    this.jira = jira;
    String credentials = Base64.getEncoder()
        .encodeToString((jira.email() + ":" + jira.apiToken()).getBytes(StandardCharsets.UTF_8));
    this.api = new JiraApi(new VendorHttp("Jira", jira.baseUrl(), jira.timeout(), () -> "Basic " + credentials));
  }

  @Override
  public TicketRef openTicket(TicketRequest request) {
    String label = requestLabel(request.requestKey());
    String issueKey = api.findIssueKey(lookupJql(label, request.requestKey()))
        .orElseGet(() -> api.createIssue(fields(request, label)));
    // Written whether found or created: an attempt that crashed after the create left it unwritten.
    Map<String, Object> property = new LinkedHashMap<>();
    property.put("requestKey", request.requestKey());
    property.put("initiativeKey", request.initiativeKey());
    property.put("gate", request.gate() == null ? null : request.gate().name());
    api.setProperty(issueKey, PROPERTY, property);
    return new TicketRef(SYSTEM, issueKey, jira.browse(issueKey).toString());
  }

  @Override
  public void updateTicket(TicketUpdate update) {
    if (update.comment() != null && !update.comment().isBlank()) {
      commentOnce(update.ticketId(), update.requestKey(), update.comment());
    }
    if (update.targetStatus() != null) {
      close(update.ticketId(), update.requestKey(), update.targetStatus());
    }
  }

  /**
   * The request key rides in the comment as a last paragraph "runway:KEY". Comment properties would
   * hide it, but Jira cannot list them with the comments, which would cost one call per comment.
   */
  private void commentOnce(String issueKey, String requestKey, String text) {
    String marker = "runway:" + requestKey;
    boolean posted = api.comments(issueKey).stream().anyMatch(comment -> Adf.hasTextNode(comment.path("body"), marker));
    if (!posted) {
      api.addComment(issueKey, Adf.doc(text, marker));
    }
  }

  private void close(String issueKey, String requestKey, String targetStatus) {
    String wanted = switch (targetStatus) {
      case "DONE" -> jira.doneTransition();
      case "CANCELLED" -> jira.cancelTransition();
      default -> throw ApplicationFailure.newNonRetryableFailure(
          "Jira adapter cannot move issue " + issueKey + " to status " + targetStatus + "; it knows DONE and CANCELLED", "JiraRejected");
    };
    // Both targets end in the done category; being there already means an earlier attempt got through.
    if ("done".equals(api.statusCategory(issueKey))) {
      return;
    }
    List<JiraApi.Transition> offered = api.transitions(issueKey);
    Optional<JiraApi.Transition> chosen = named(offered, wanted);
    if (chosen.isEmpty() && "CANCELLED".equals(targetStatus)) {
      // Many project workflows have no cancel transition: close it as done and say so on the issue.
      chosen = named(offered, jira.doneTransition());
      if (chosen.isPresent()) {
        commentOnce(issueKey, requestKey + "/cancelled", "Cancelled in Runway. This workflow has no \"" + wanted
            + "\" transition, so the issue is closed with \"" + jira.doneTransition() + "\".");
      }
    }
    api.transition(issueKey, chosen.orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "Jira issue " + issueKey + " has no transition named \"" + wanted + "\"; available: "
            + String.join(", ", offered.stream().map(JiraApi.Transition::name).toList())
            + ". Set runway.jira." + ("DONE".equals(targetStatus) ? "done" : "cancel") + "-transition to one of them.",
        "JiraTransitionNotFound")));
  }

  private static Optional<JiraApi.Transition> named(List<JiraApi.Transition> transitions, String name) {
    return transitions.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * The label is set by the create itself, so it finds the issue even when the property write after
   * it never happened; the property finds issues whose labels someone edited.
   */
  private String lookupJql(String label, String requestKey) {
    return "project = " + quoted(jira.projectKey()) + " AND (labels = " + quoted(label)
        + " OR issue.property[" + PROPERTY + "].requestKey = " + quoted(requestKey) + ")";
  }

  private Map<String, Object> fields(TicketRequest request, String label) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("project", Map.of("key", jira.projectKey()));
    fields.put("issuetype", Map.of("name", jira.issueType()));
    fields.put("summary", summary(request));
    fields.put("description", Adf.doc(request.description()));
    fields.put("labels", labels(request.labels(), label));
    return fields;
  }

  /** A short, deterministic label per request key (labels are capped and cannot hold spaces). */
  static String requestLabel(String requestKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(requestKey.getBytes(StandardCharsets.UTF_8));
      return "runway-req-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Jira labels cannot contain spaces: runs of whitespace become a dash. */
  static List<String> labels(List<String> requested, String requestLabel) {
    Set<String> labels = new LinkedHashSet<>();
    if (requested != null) {
      requested.stream().filter(l -> l != null && !l.isBlank())
          .map(l -> l.trim().replaceAll("\\s+", "-"))
          .map(l -> l.length() > MAX_LABEL ? l.substring(0, MAX_LABEL) : l)
          .forEach(labels::add);
    }
    labels.add(requestLabel);
    return List.copyOf(labels);
  }

  private static String summary(TicketRequest request) {
    String summary = request.summary() != null && !request.summary().isBlank() ? request.summary()
        : request.initiativeKey() + (request.gate() == null ? "" : " " + request.gate().slug());
    String oneLine = summary.replaceAll("\\s+", " ").trim();
    return oneLine.length() > MAX_SUMMARY ? oneLine.substring(0, MAX_SUMMARY - 1) + "…" : oneLine;
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
