package io.runway.lifecycle;

import io.runway.lifecycle.activity.CrmActivities;
import io.runway.lifecycle.activity.IntakeActivities;
import io.runway.lifecycle.activity.MlopsActivities;
import io.runway.lifecycle.activity.NotificationActivities;
import io.runway.lifecycle.activity.PolicyActivities;
import io.runway.lifecycle.activity.ProjectionActivities;
import io.runway.lifecycle.activity.SystemOfRecordCalls;
import io.runway.lifecycle.activity.TicketingActivities;
import io.runway.lifecycle.activity.ValueActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The activity stubs the workflow uses, each with its retry policy stated here, in one place.
 * Calls to systems of record go through {@link #attempt}: when their retries are exhausted the
 * initiative records the failure and goes on, it never fails because a ticket could not be written.
 */
final class Integrations {

  private static final Logger log = Workflow.getLogger(Integrations.class);

  /** Reading configuration and validating input: quick, and safe to retry for a minute or so. */
  private static final ActivityOptions INTERNAL = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofMinutes(1))
          .build())
      .build();

  /**
   * Systems of record, before {@link #VENDOR_WAITS}: every write carries a request key, so retrying is
   * safe; Temporal backs off to 10 min and gives up after 12 tries, and the workflow sees none of it.
   */
  private static final ActivityOptions SYSTEM_OF_RECORD = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(SystemOfRecordCalls.START_TO_CLOSE)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(SystemOfRecordCalls.FIRST_RETRY)
          .setBackoffCoefficient(SystemOfRecordCalls.BACKOFF_COEFFICIENT)
          .setMaximumInterval(SystemOfRecordCalls.LONGEST_RETRY)
          .setMaximumAttempts(SystemOfRecordCalls.ATTEMPTS)
          .build())
      .build();

  /**
   * Systems of record from {@link #VENDOR_WAITS}: one attempt per activity, the same schedule kept by
   * the workflow ({@link VendorWaits}), so each wait is on the timeline. The heartbeat timeout gives up
   * an attempt whose worker died well before its start-to-close timeout.
   */
  private static final ActivityOptions SYSTEM_OF_RECORD_ONCE = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(SystemOfRecordCalls.START_TO_CLOSE)
      .setHeartbeatTimeout(SystemOfRecordCalls.HEARTBEAT)
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
      .build();

  /** A ticket's status read while a gate waits for it: a failed read waits for the next one, a few quick tries. */
  private static final ActivityOptions STATUS_READ = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(SystemOfRecordCalls.START_TO_CLOSE)
      .setHeartbeatTimeout(SystemOfRecordCalls.HEARTBEAT)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(SystemOfRecordCalls.FIRST_RETRY)
          .setMaximumAttempts(3)
          .build())
      .build();

  /** A reminder that cannot be sent after a few tries is recorded, not worth blocking on. */
  private static final ActivityOptions NOTIFICATION = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(2))
          .setMaximumAttempts(5)
          .build())
      .build();

  /** The read model must catch up eventually, whatever the database's mood: retry without limit. */
  private static final RetryOptions PROJECTION_RETRIES = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofMillis(200))
      .setMaximumInterval(Duration.ofSeconds(30))
      .build();

  /**
   * Runs before {@link #PROJECTION_AS_ACTIVITY}: a local activity, one marker per projection. An
   * attempt caught by a database outage was never retried (SDK 1.38), leaving the read model behind.
   */
  private static final LocalActivityOptions LOCAL_PROJECTION = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(10))
      .setRetryOptions(PROJECTION_RETRIES)
      .build();

  /** A regular activity: the server owns its retries, so an attempt lost to an outage is tried again. */
  private static final ActivityOptions PROJECTION = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(10))
      .setRetryOptions(PROJECTION_RETRIES)
      .build();

  /** The projection became a regular activity; runs started before keep the local activity they replay. */
  static final String PROJECTION_AS_ACTIVITY = "projection-as-activity";
  /** The projection sends what changed since the last one (issue 12); runs started before keep sending snapshots. */
  static final String PROJECTION_DELTA = "projection-delta";
  /** Calls to systems of record are retried by the workflow, each wait on the timeline; runs started before keep Temporal's retries. */
  static final String VENDOR_WAITS = "vendor-waits-on-the-timeline";

  final PolicyActivities policy = Workflow.newActivityStub(PolicyActivities.class, INTERNAL);
  final IntakeActivities intake = Workflow.newActivityStub(IntakeActivities.class, INTERNAL);
  TicketingActivities ticketing = Workflow.newActivityStub(TicketingActivities.class, SYSTEM_OF_RECORD);
  CrmActivities crm = Workflow.newActivityStub(CrmActivities.class, SYSTEM_OF_RECORD);
  MlopsActivities mlops = Workflow.newActivityStub(MlopsActivities.class, SYSTEM_OF_RECORD);
  final TicketingActivities ticketReads = Workflow.newActivityStub(TicketingActivities.class, STATUS_READ);
  private boolean retriesInWorkflow;
  final NotificationActivities notifications = Workflow.newActivityStub(NotificationActivities.class, NOTIFICATION);
  /** The value read model catches up like the rest of it; only runs that record value figures call it. */
  final ValueActivities value = Workflow.newActivityStub(ValueActivities.class, PROJECTION);
  private ProjectionActivities projection = Workflow.newLocalActivityStub(ProjectionActivities.class, LOCAL_PROJECTION);

  /** Read once, first thing in the run (see {@link Tickets#chooseVersions}). */
  void chooseProjection() {
    if (Workflow.getVersion(PROJECTION_AS_ACTIVITY, Workflow.DEFAULT_VERSION, 1) == 1) {
      projection = Workflow.newActivityStub(ProjectionActivities.class, PROJECTION);
    }
  }

  private boolean projectsDeltas;

  /** Read once, first thing in the run (see {@link Tickets#chooseVersions}). */
  void chooseProjectionDeltas() {
    projectsDeltas = Workflow.getVersion(PROJECTION_DELTA, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  /** Whether the projection sends deltas after the run's first snapshot, rather than a snapshot every time. */
  boolean projectsDeltas() {
    return projectsDeltas;
  }

  /** Read once, first thing in the run (see {@link Tickets#chooseVersions}). */
  void chooseVendorRetries() {
    retriesInWorkflow = Workflow.getVersion(VENDOR_WAITS, Workflow.DEFAULT_VERSION, 1) == 1;
    if (retriesInWorkflow) {
      ticketing = Workflow.newActivityStub(TicketingActivities.class, SYSTEM_OF_RECORD_ONCE);
      crm = Workflow.newActivityStub(CrmActivities.class, SYSTEM_OF_RECORD_ONCE);
      mlops = Workflow.newActivityStub(MlopsActivities.class, SYSTEM_OF_RECORD_ONCE);
    }
  }

  /** Whether the workflow retries systems of record itself ({@link VendorWaits}), rather than Temporal. */
  boolean retriesInWorkflow() {
    return retriesInWorkflow;
  }

  ProjectionActivities projection() {
    return projection;
  }

  /** The outcome of a call whose failure the initiative survives: the value, or the failure's message. */
  record Attempt<T>(T value, String failure) {
    boolean succeeded() {
      return failure == null;
    }
  }

  static <T> Attempt<T> attempt(String what, Supplier<T> call) {
    try {
      return new Attempt<>(call.get(), null);
    } catch (ActivityFailure failure) {
      Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
      log.warn("{} failed after retries: {}", what, cause.getMessage());
      return new Attempt<>(null, what + " failed: " + cause.getMessage());
    }
  }

  static Attempt<Void> attempt(String what, Runnable call) {
    return attempt(what, () -> {
      call.run();
      return null;
    });
  }
}
