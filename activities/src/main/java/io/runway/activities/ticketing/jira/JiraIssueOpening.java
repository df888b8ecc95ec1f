package io.runway.activities.ticketing.jira;

import io.runway.activities.http.AttemptGuard;
import io.runway.activities.http.VendorFailures;
import io.runway.activities.ledger.WriteLease;
import io.runway.lifecycle.activity.TicketRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finding or creating the issue of one request key, under that key's {@link WriteLease} (so no other
 * attempt writes meanwhile). First by the id an earlier attempt recorded (a direct, consistent read),
 * then by search, adopting only an issue that carries this request's label or property. Search lags
 * behind creates, so after a create whose answer was lost the search lag is waited out before a new
 * create; right after a create, search (reconciled with the new id) looks once more, and an earlier
 * issue for the key wins over the new one, which is relabelled as a duplicate.
 */
final class JiraIssueOpening {

  /** Put on an issue Runway made twice for one request, in place of the request's label. */
  static final String DUPLICATE_LABEL = "runway-duplicate";
  private static final int MAX_SUMMARY = 255;
  private static final int MAX_LABEL = 255;

  private final JiraProperties jira;
  private final JiraApi api;
  private final TicketRequest request;
  private final String label;
  private final WriteLease lease;

  JiraIssueOpening(JiraProperties jira, JiraApi api, TicketRequest request, WriteLease lease) {
    this.jira = jira;
    this.api = api;
    this.request = request;
    this.label = JiraTicketingActivities.requestLabel(request.requestKey());
    this.lease = lease;
  }

  JiraApi.Issue findOrCreate() {
    return find().orElseGet(this::create);
  }

  private Optional<JiraApi.Issue> find() {
    Optional<JiraApi.Issue> known = lease.recordId().flatMap(api::getIssue).filter(i -> i.carries(label, request.requestKey()));
    if (known.isPresent()) {
      return Optional.of(adopt(known.get()));
    }
    Optional<JiraApi.Issue> found = earliestCarrying(List.of());
    if (found.isEmpty() && lease.createUnanswered()) {
      // the create may have gone through unseen: search shows it once Jira's index has caught up
      AttemptGuard.current().pause(JiraTicketingActivities.VENDOR, "waiting out Jira's search lag after a create whose answer was lost",
          lease.lagLeft(jira.searchLag()));
      found = earliestCarrying(List.of());
    }
    return found.map(this::adopt);
  }

  private JiraApi.Issue create() {
    lease.creating();
    JiraApi.Issue created;
    try {
      created = api.createIssue(fields(), property(request));
    } catch (ApplicationFailure failure) {
      if (VendorFailures.madeNothing(failure)) {
        lease.createRefused();
      }
      throw failure;
    }
    lease.recorded(created.id());
    // right after: an issue for this key that an earlier attempt made and Runway lost track of wins
    JiraApi.Issue earliest = earliestCarrying(List.of(created.id())).orElse(created);
    if (!earliest.id().equals(created.id())) {
      api.relabelDuplicate(created.key(), label, DUPLICATE_LABEL);
      api.addComment(created.key(), Adf.doc("Duplicate of " + earliest.key() + ": Runway opened this issue twice for one request and"
          + " keeps " + earliest.key() + ". Close or delete this one."));
      lease.recorded(earliest.id());
    }
    return earliest;
  }

  /** The earliest issue search finds that carries this request's label or property; hits that do not are someone else's. */
  private Optional<JiraApi.Issue> earliestCarrying(List<String> reconcile) {
    return api.findIssues(lookupJql(), reconcile).stream()
        .filter(issue -> issue.carries(label, request.requestKey()))
        .min(Comparator.comparingLong(JiraApi.Issue::order));
  }

  /** An issue made by an older Runway, or whose property someone removed, gets it back. */
  private JiraApi.Issue adopt(JiraApi.Issue issue) {
    lease.recorded(issue.id());
    if (!request.requestKey().equals(issue.property().path("requestKey").asText(null))) {
      lease.stillHeld();
      api.setProperty(issue.key(), JiraTicketingActivities.PROPERTY, property(request));
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

  /**
   * The label finds the issue by the create's own fields; the property finds issues whose labels
   * someone edited. Earliest first, so a duplicate never wins over the original.
   */
  private String lookupJql() {
    return "project = " + quoted(jira.projectKey()) + " AND (labels = " + quoted(label)
        + " OR issue.property[" + JiraTicketingActivities.PROPERTY + "].requestKey = " + quoted(request.requestKey())
        + ") ORDER BY created ASC";
  }

  private Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("project", Map.of("key", jira.projectKey()));
    fields.put("issuetype", Map.of("name", jira.issueType()));
    fields.put("summary", summary(request));
    fields.put("description", Adf.doc(request.description()));
    fields.put("labels", labels(request.labels(), label));
    return fields;
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
