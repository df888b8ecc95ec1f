package io.runway.activities.ticketing.jira;

import io.runway.activities.http.AttemptGuard;
import io.runway.activities.http.VendorFailures;
import io.runway.activities.http.VendorHttp;
import io.runway.activities.ledger.WriteLedger;
import io.runway.activities.ledger.WriteLease;
import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.activity.TicketUpdate;
import io.runway.lifecycle.activity.TicketingActivities;
import io.runway.lifecycle.model.TicketEvent;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Tickets as Jira Cloud issues, each write exactly once per request key however often and however
 * concurrently it is attempted. Under the request key's {@link WriteLease} (so two attempts never
 * interleave) an open looks for the issue first: by the id an earlier attempt recorded (a direct,
 * consistent read), then by search, adopting only a hit that carries this request's label or
 * property. Search lags behind creates, so after a create whose answer was lost it waits out
 * {@code runway.jira.search-lag} before it may create again, and right after a create it looks once
 * more: should an earlier issue for the key turn up, that one is adopted and the new one relabelled
 * as a duplicate. Comments carry their request key and are listed (consistently) before posting.
 */
@Component("ticketingActivities")
@ConditionalOnProperty(name = "runway.ticketing.provider", havingValue = "jira")
@EnableConfigurationProperties(JiraProperties.class)
public class JiraTicketingActivities implements TicketingActivities {

  public static final String SYSTEM = "jira";
  static final String VENDOR = "Jira";
  /** The issue entity property that records which Runway request made the issue. */
  static final String PROPERTY = "runway";
  /** Put on an issue Runway made twice for one request, in place of the request's label. */
  static final String DUPLICATE_LABEL = "runway-duplicate";
  private static final int MAX_SUMMARY = 255;
  private static final int MAX_LABEL = 255;

  private final JiraProperties jira;
  private final JiraApi api;
  private final WriteLedger ledger;

  public JiraTicketingActivities(JiraProperties jira, WriteLedger ledger) {
    this.jira = jira;
    this.ledger = ledger;
    String credentials = Base64.getEncoder()
        .encodeToString((jira.email() + ":" + jira.apiToken()).getBytes(StandardCharsets.UTF_8));
    this.api = new JiraApi(new VendorHttp(VENDOR, jira.baseUrl(), jira.timeout(), () -> "Basic " + credentials));
  }

  @Override
  public TicketRef openTicket(TicketRequest request) {
    String label = requestLabel(request.requestKey());
    try (WriteLease lease = ledger.lease(VENDOR, request.requestKey())) {
      JiraApi.Issue issue = find(request, label, lease).orElseGet(() -> create(request, label, lease));
      return new TicketRef(SYSTEM, issue.key(), jira.browse(issue.key()).toString());
    }
  }

  private Optional<JiraApi.Issue> find(TicketRequest request, String label, WriteLease lease) {
    Optional<JiraApi.Issue> known = lease.recordId().flatMap(api::getIssue).filter(i -> i.carries(label, request.requestKey()));
    if (known.isPresent()) {
      return Optional.of(adopt(known.get(), request, lease));
    }
    Optional<JiraApi.Issue> found = earliestCarrying(request, label, List.of());
    if (found.isEmpty() && lease.createUnanswered()) {
      // the create may have gone through unseen: search shows it once Jira's index has caught up
      AttemptGuard.current().pause(VENDOR, "waiting out Jira's search lag after a create whose answer was lost",
          lease.lagLeft(jira.searchLag()));
      found = earliestCarrying(request, label, List.of());
    }
    return found.map(issue -> adopt(issue, request, lease));
  }

  private JiraApi.Issue create(TicketRequest request, String label, WriteLease lease) {
    lease.creating();
    JiraApi.Issue created;
    try {
      created = api.createIssue(fields(request, label), property(request));
    } catch (ApplicationFailure failure) {
      if (VendorFailures.madeNothing(failure)) {
        lease.createRefused();
      }
      throw failure;
    }
    lease.recorded(created.id());
    // right after: an issue for this key that an earlier attempt made and Runway lost track of wins
    JiraApi.Issue earliest = earliestCarrying(request, label, List.of(created.id())).orElse(created);
    if (!earliest.id().equals(created.id())) {
      api.relabelDuplicate(created.key(), label, DUPLICATE_LABEL);
      api.addComment(created.key(), Adf.doc("Duplicate of " + earliest.key() + ": Runway opened this issue twice for one request and"
          + " keeps " + earliest.key() + ". Close or delete this one."));
      lease.recorded(earliest.id());
    }
    return earliest;
  }

  /** The earliest issue search finds that carries this request's label or property; hits that do not are someone else's. */
  private Optional<JiraApi.Issue> earliestCarrying(TicketRequest request, String label, List<String> reconcile) {
    return api.findIssues(lookupJql(label, request.requestKey()), reconcile).stream()
        .filter(issue -> issue.carries(label, request.requestKey()))
        .min(Comparator.comparingLong(JiraApi.Issue::order));
  }

  /** An issue made by an older Runway, or whose property someone removed, gets it back. */
  private JiraApi.Issue adopt(JiraApi.Issue issue, TicketRequest request, WriteLease lease) {
    lease.recorded(issue.id());
    if (!request.requestKey().equals(issue.property().path("requestKey").asText(null))) {
      lease.stillHeld();
      api.setProperty(issue.key(), PROPERTY, property(request));
    }
    return issue;
  }

  private static Map<String, Object> property(TicketRequest request) {
    Map<String, Object> property = new LinkedHashMap<>();
    property.put("requestKey", request.requestKey());
    property.put("initiativeKey", request.initiativeKey());
    property.put("gate", request.gate() == null ? null : request.gate().name());
    return property;
  }

  @Override
  public void updateTicket(TicketUpdate update) {
    try (WriteLease lease = ledger.lease(VENDOR, update.requestKey())) {
      if (update.comment() != null && !update.comment().isBlank()) {
        commentOnce(update.ticketId(), update.requestKey(), update.comment(), lease);
      }
      if (update.targetStatus() != null) {
        close(update.ticketId(), update.requestKey(), update.targetStatus(), lease);
      }
    }
  }

  @Override
  public TicketEvent readStatus(TicketRef ticket) {
    String category = api.statusCategory(ticket.id());
    return new TicketEvent(ticket.id(), "done".equals(category) ? "RESOLVED" : category.toUpperCase(Locale.ROOT), SYSTEM);
  }

  /**
   * The request key rides in the comment as a last paragraph "runway:KEY". Comment properties would
   * hide it, but Jira cannot list them with the comments, which would cost one call per comment.
   */
  private void commentOnce(String issueKey, String requestKey, String text, WriteLease lease) {
    String marker = "runway:" + requestKey;
    boolean posted = api.comments(issueKey).stream().anyMatch(comment -> Adf.hasTextNode(comment.path("body"), marker));
    if (!posted) {
      lease.stillHeld();
      api.addComment(issueKey, Adf.doc(text, marker));
    }
  }

  private void close(String issueKey, String requestKey, String targetStatus, WriteLease lease) {
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
            + "\" transition, so the issue is closed with \"" + jira.doneTransition() + "\".", lease);
      }
    }
    lease.stillHeld();
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
   * The label finds the issue by the create's own fields; the property finds issues whose labels
   * someone edited. Earliest first, so a duplicate never wins over the original.
   */
  private String lookupJql(String label, String requestKey) {
    return "project = " + quoted(jira.projectKey()) + " AND (labels = " + quoted(label)
        + " OR issue.property[" + PROPERTY + "].requestKey = " + quoted(requestKey) + ") ORDER BY created ASC";
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
  public static String requestLabel(String requestKey) {
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
