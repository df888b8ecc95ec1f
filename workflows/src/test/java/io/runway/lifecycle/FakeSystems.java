package io.runway.lifecycle;

import io.runway.lifecycle.activity.CrmActivities;
import io.runway.lifecycle.activity.CrmRecord;
import io.runway.lifecycle.activity.IntakeActivities;
import io.runway.lifecycle.activity.IntakeVerdict;
import io.runway.lifecycle.activity.MetricsQuery;
import io.runway.lifecycle.activity.MlopsActivities;
import io.runway.lifecycle.activity.Notification;
import io.runway.lifecycle.activity.NotificationActivities;
import io.runway.lifecycle.activity.PolicyActivities;
import io.runway.lifecycle.activity.ProjectionActivities;
import io.runway.lifecycle.activity.PromotionRequest;
import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.activity.TicketUpdate;
import io.runway.lifecycle.activity.TicketingActivities;
import io.runway.lifecycle.activity.ValueActivities;
import io.runway.lifecycle.activity.KpiMetricQuery;
import io.runway.lifecycle.activity.KpiReading;
import io.runway.lifecycle.model.ValueSnapshot;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.InitiativeSnapshot;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.TicketRef;
import io.runway.lifecycle.policy.LifecyclePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory stand-ins for the systems of record, for workflow unit tests only: they record what
 * the workflow asked of them so a test can check it. The real adapters are tested in activities/.
 */
final class FakeSystems implements PolicyActivities, IntakeActivities, TicketingActivities, CrmActivities, MlopsActivities,
    NotificationActivities, ProjectionActivities, ValueActivities {

  final Map<String, TicketRef> ticketsByRequestKey = new ConcurrentHashMap<>();
  final Map<String, String> ticketStatus = new ConcurrentHashMap<>();
  final List<String> ticketComments = new CopyOnWriteArrayList<>();
  final Map<String, CrmRecord> crm = new ConcurrentHashMap<>();
  /** Every upsert the CRM received, in order. */
  final List<CrmRecord> crmUpserts = new CopyOnWriteArrayList<>();
  final List<PromotionRequest> promotions = new CopyOnWriteArrayList<>();
  final List<Notification> notifications = new CopyOnWriteArrayList<>();
  /**
   * Every projection as the read model stands after it: the stored view (a delta applied to the one
   * before) and the timeline entries the call carried. The last one's view is what the read model shows.
   */
  final List<InitiativeSnapshot> snapshots = new CopyOnWriteArrayList<>();
  /** The read model: workflow id to the stored view and its seq, as JdbcProjectionActivities keeps them. */
  private final Map<String, InitiativeSnapshot> stored = new ConcurrentHashMap<>();
  /** Calls of each kind, by method: "project" (a snapshot) and "projectDelta". */
  final List<String> projectionCalls = new CopyOnWriteArrayList<>();
  /** How many deltas in a row find the stored view gone, as after a restore from an old backup. */
  final AtomicInteger projectionGaps = new AtomicInteger();
  final Map<String, Double> metrics = new ConcurrentHashMap<>(Map.of("data_quality_score", 0.97));
  final List<ValueSnapshot> valueSnapshots = new CopyOnWriteArrayList<>();
  final List<KpiMetricQuery> kpiQueries = new CopyOnWriteArrayList<>();
  /** KPI name -> the value MLflow answers for it; absent: nothing logged. */
  final Map<String, Double> kpiMetrics = new ConcurrentHashMap<>();
  /** Metrics the registry holds with a value that is not a number, as it sent them. */
  final Map<String, String> invalidMetrics = new ConcurrentHashMap<>();
  private final AtomicInteger ticketNumbers = new AtomicInteger();
  /** How many calls in a row fail as a vendor's final refusal would (no retry helps). */
  final AtomicInteger crmRefusals = new AtomicInteger();
  final AtomicInteger ticketRefusals = new AtomicInteger();
  /** How many ticket opens in a row fail as an overloaded vendor's would (retryable), and the Retry-After each sends. */
  final AtomicInteger ticketOutages = new AtomicInteger();
  volatile java.time.Duration outageRetryAfter;
  /** How many promotions / metric reads in a row fail as a final refusal. */
  final AtomicInteger promoteRefusals = new AtomicInteger();
  final AtomicInteger metricsRefusals = new AtomicInteger();
  /** How often the workflow read a ticket's status from the ticketing system. */
  final AtomicInteger statusReads = new AtomicInteger();
  /** When set, opening a ticket for this gate publishes its id, then waits for {@link #releaseTicketOpening}. */
  volatile io.runway.lifecycle.model.Gate holdTicketOpeningFor;
  final java.util.concurrent.CompletableFuture<String> heldTicketId = new java.util.concurrent.CompletableFuture<>();
  private final java.util.concurrent.CountDownLatch ticketOpeningReleased = new java.util.concurrent.CountDownLatch(1);

  /** The policy new runs load; a test may swap in a variant before it launches. */
  volatile LifecyclePolicy policy = TestPolicy.policy();

  @Override
  public LifecyclePolicy currentPolicy() {
    return policy;
  }

  @Override
  public IntakeVerdict validateIntake(InitiativeRequest request, LifecyclePolicy policy) {
    if (request.riskTier() == RiskTier.PROHIBITED) {
      return new IntakeVerdict(true, policy.prohibitedReason(), List.of());
    }
    List<String> missing = new ArrayList<>();
    if (request.purpose() == null || request.purpose().isBlank()) {
      missing.add("purpose: the intended purpose is required");
    }
    if (request.owners() == null || request.owners().business() == null) {
      missing.add("owners.business: a named business owner is required");
    }
    return new IntakeVerdict(false, null, missing);
  }

  private static void refuseIfAsked(AtomicInteger refusals, String system) {
    if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(system + " answered HTTP 400: invalid field", system + "Rejected");
    }
  }

  @Override
  public TicketRef openTicket(TicketRequest request) {
    refuseIfAsked(ticketRefusals, "Jira");
    if (ticketOutages.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw io.temporal.failure.ApplicationFailure.newBuilder().setMessage("Jira create issue answered HTTP 503: Service Unavailable")
          .setType("JiraUnavailable").setNextRetryDelay(outageRetryAfter).build();
    }
    TicketRef ticket = ticketsByRequestKey.computeIfAbsent(request.requestKey(), k -> {
      String id = "T-" + ticketNumbers.incrementAndGet();
      ticketStatus.put(id, "OPEN");
      return new TicketRef("fake", id, "https://tickets.example/" + id);
    });
    if (request.gate() == holdTicketOpeningFor) {
      heldTicketId.complete(ticket.id());
      try {
        ticketOpeningReleased.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ticket;
  }

  void releaseTicketOpening() {
    ticketOpeningReleased.countDown();
  }

  @Override
  public void updateTicket(TicketUpdate update) {
    if (update.comment() != null) {
      ticketComments.add(update.ticketId() + ": " + update.comment());
    }
    if (update.targetStatus() != null) {
      ticketStatus.put(update.ticketId(), update.targetStatus());
    }
  }

  @Override
  public io.runway.lifecycle.model.TicketEvent readStatus(TicketRef ticket) {
    statusReads.incrementAndGet();
    return new io.runway.lifecycle.model.TicketEvent(ticket.id(), ticketStatus.getOrDefault(ticket.id(), "OPEN"), "fake");
  }

  @Override
  public String upsertInitiative(CrmRecord record) {
    refuseIfAsked(crmRefusals, "Salesforce");
    crm.put(record.externalId(), record);
    crmUpserts.add(record);
    return "CRM-" + record.externalId();
  }

  @Override
  public Map<String, Double> readMetrics(MetricsQuery query) {
    Map<String, Double> found = new java.util.LinkedHashMap<>();
    query.metricNames().stream().filter(metrics::containsKey).forEach(n -> found.put(n, metrics.get(n)));
    return found;
  }

  @Override
  public KpiReading readKpiMetric(KpiMetricQuery query) {
    kpiQueries.add(query);
    Double value = kpiMetrics.get(query.kpi());
    return value == null ? null : new KpiReading(value, "run-" + query.kpi(), query.toMillis() - 1);
  }

  @Override
  public void projectValue(ValueSnapshot snapshot) {
    valueSnapshots.add(snapshot);
  }

  @Override
  public io.runway.lifecycle.activity.MetricsReading readRunMetrics(MetricsQuery query) {
    refuseIfAsked(metricsRefusals, "MLflow");
    Map<String, String> invalid = new java.util.LinkedHashMap<>();
    query.metricNames().stream().filter(invalidMetrics::containsKey).forEach(n -> invalid.put(n, invalidMetrics.get(n)));
    return new io.runway.lifecycle.activity.MetricsReading(readMetrics(query), invalid);
  }

  @Override
  public void promote(PromotionRequest request) {
    refuseIfAsked(promoteRefusals, "MLflow");
    promotions.add(request);
  }

  @Override
  public void send(Notification notification) {
    notifications.add(notification);
  }

  @Override
  public synchronized void project(InitiativeSnapshot snapshot) {
    projectionCalls.add("project");
    InitiativeSnapshot before = stored.get(snapshot.view().workflowId());
    if (before == null || before.seq() < snapshot.seq()) {
      stored.put(snapshot.view().workflowId(), new InitiativeSnapshot(snapshot.seq(), snapshot.view(), List.of()));
    }
    record(snapshot.view().workflowId(), snapshot.newTimeline());
  }

  @Override
  public synchronized void projectDelta(io.runway.lifecycle.model.InitiativeDelta delta) {
    projectionCalls.add("projectDelta");
    if (projectionGaps.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      stored.remove(delta.workflowId());
    }
    InitiativeSnapshot before = stored.get(delta.workflowId());
    if (before == null || before.seq() < delta.fromSeq()) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          "nothing to apply the delta to", io.runway.lifecycle.model.InitiativeDelta.GAP);
    }
    if (before.seq() < delta.seq()) {
      stored.put(delta.workflowId(), new InitiativeSnapshot(delta.seq(), delta.applyTo(before.view()), List.of()));
    }
    record(delta.workflowId(), delta.newTimeline());
  }

  private void record(String workflowId, List<io.runway.lifecycle.model.TimelineEntry> newTimeline) {
    InitiativeSnapshot now = stored.get(workflowId);
    snapshots.add(new InitiativeSnapshot(now.seq(), now.view(), newTimeline));
  }

  /** The view the read model holds for {@code workflowId}. */
  synchronized io.runway.lifecycle.model.InitiativeView readModel(String workflowId) {
    return stored.get(workflowId).view();
  }

  List<String> notificationKinds(String taskId) {
    return notifications.stream().filter(n -> taskId.equals(n.taskId())).map(Notification::kind).toList();
  }
}
