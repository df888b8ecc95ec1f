package io.runway.worker.audit;

import io.runway.worker.web.ApiProblem;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the code handling a request knows and the request itself does not show: the initiative a
 * launch or a ticket concerns, a task's decision, a webhook's sender and verdict. Kept on the current
 * request for the one audit entry {@link AuditRecordingFilter} writes for it; a no-op outside a request.
 */
public final class AuditNotes {

  static final String INITIATIVE = AuditNotes.class.getName() + ".initiative";
  static final String DETAIL = AuditNotes.class.getName() + ".detail";
  static final String ACTOR = AuditNotes.class.getName() + ".actor";
  static final String OUTCOME = AuditNotes.class.getName() + ".outcome";

  private AuditNotes() {}

  /** The initiative the request concerns, when its path does not name it. */
  public static void initiative(String key) {
    note(INITIATIVE, key);
  }

  /** A short, non-secret fact about the command, e.g. {@code decision APPROVE}. */
  public static void detail(String detail) {
    note(DETAIL, detail);
  }

  /** The request is a webhook delivery: it is recorded as sent by {@code webhook:<source>}. */
  public static void webhookSender(String source) {
    note(ACTOR, "webhook:" + source);
  }

  /** The delivery's verdict becomes the entry's outcome; {@code initiativeKeys} is comma-separated or null. */
  public static void webhookVerdict(String verdict, String deliveryId, String initiativeKeys, String detail) {
    note(OUTCOME, verdict);
    note(INITIATIVE, initiativeKeys);
    String delivery = deliveryId == null ? "no delivery id" : "delivery " + deliveryId;
    note(DETAIL, detail == null ? delivery : delivery + ": " + detail);
  }

  /**
   * The request was answered with a page, not an error status, although it was refused (the console
   * shows the refusal inline): the entry records the refusal's outcome and message instead.
   */
  public static void refused(ApiProblem problem) {
    note(OUTCOME, RequestDescriptions.outcome(problem.status().value()));
    note(DETAIL, problem.getMessage());
  }

  /** A console sign-in that failed (the browser is redirected back to the login page). */
  public static void signInRefused(String detail) {
    note(OUTCOME, RequestDescriptions.outcome(401));
    note(DETAIL, detail);
  }

  private static void note(String name, String value) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null && value != null) {
      request.setAttribute(name, value, RequestAttributes.SCOPE_REQUEST);
    }
  }
}
