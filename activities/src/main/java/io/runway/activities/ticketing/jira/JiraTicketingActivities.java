package io.runway.activities.ticketing.jira;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Tickets as Jira Cloud issues, each write exactly once per request key however often and however
 * concurrently it is attempted: every write holds its request key's {@link WriteLease}, so two
 * attempts never interleave. Opening is {@link JiraIssueOpening}'s; comments carry their request key
 * and are listed (consistently) right before posting; closing finds the issue already done or
 * transitions it by name.
 */
@Component("ticketingActivities")
@ConditionalOnProperty(name = "runway.ticketing.provider", havingValue = "jira")
@EnableConfigurationProperties(JiraProperties.class)
public class JiraTicketingActivities implements TicketingActivities {

  public static final String SYSTEM = "jira";
  static final String VENDOR = "Jira";
  /** The issue entity property that records which Runway request made the issue. */
  static final String PROPERTY = "runway";

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
    try (WriteLease lease = ledger.lease(VENDOR, request.requestKey())) {
      JiraApi.Issue issue = new JiraIssueOpening(jira, api, request, lease).findOrCreate();
      return new TicketRef(SYSTEM, issue.key(), jira.browse(issue.key()).toString());
    }
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

  /** A short, deterministic label per request key (labels are capped and cannot hold spaces). */
  public static String requestLabel(String requestKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(requestKey.getBytes(StandardCharsets.UTF_8));
      return "runway-req-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

}
