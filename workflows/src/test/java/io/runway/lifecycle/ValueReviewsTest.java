package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.eventually;
import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.CostActualCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.KpiActualCommand;
import io.runway.lifecycle.model.KpiSource;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.ServingState;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import io.runway.lifecycle.model.ValueSummary;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Value reviews across months of production, time skipped: the cadence, early reviews on missed
 * targets and cost overruns, and what each decision does. The KPI is a false-positive rate from 4.0
 * down to 2.0; the budget 12,000 EUR a month; the policy reviews 30 days after go-live, then every 90.
 */
class ValueReviewsTest {

  static final String REVIEWER = "program-office-2";

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  TestWorkflowEnvironment env;
  Drive drive;
  InitiativeWorkflow stub;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    drive = new Drive(client, worker.getTaskQueue());
    stub = drive.launch(request("valued", RiskTier.MINIMAL));
  }

  private void live() {
    Drive.driveToProduction(stub, RiskTier.MINIMAL);
    eventually(this::summary, s -> s != null && s.wentLiveAt() != null && s.nextReviewAt() != null, "the review schedule");
  }

  private ValueSummary summary() {
    var snapshots = systems.valueSnapshots;
    return snapshots.isEmpty() ? null : snapshots.getLast().summary();
  }

  private void falsePositives(String period, double value) {
    stub.recordKpiActual(new KpiActualCommand(member("program-office", 1), "false-positive rate", period, value, KpiSource.MANUAL, null));
  }

  private void cost(String period, String amount) {
    stub.recordCostActual(new CostActualCommand(member("program-office", 1), period, new BigDecimal(amount), "EUR",
        Map.of("inference", new BigDecimal(amount)), null));
  }

  private List<TaskView> valueReviews() {
    return stub.view().tasks().stream().filter(t -> t.kind() == TaskKind.VALUE_REVIEW).toList();
  }

  private TaskView openValueReview() {
    return Drive.openTask(stub, Gate.VALUE_REVIEW, TaskKind.VALUE_REVIEW);
  }

  private TaskView decide(Decision decision, String comment, LocalDate followUpOn) {
    TaskView review = openValueReview();
    return stub.complete(new CompleteCommand(review.id(), member("program-office", 2), decision, comment, null, null, null, followUpOn));
  }

  private static String month(Instant at, int plus) {
    return YearMonth.from(at.atZone(ZoneOffset.UTC)).plusMonths(plus).toString();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(Instant.ofEpochMilli(env.currentTimeMillis()), ZoneOffset.UTC);
  }

  @Test
  void thirteenMonthsInProductionBringTheFirstReviewAfter30DaysThenOneEvery90() {
    live();
    Instant wentLive = summary().wentLiveAt();
    for (int month = 1; month <= 13; month++) {
      env.sleep(Duration.ofDays(30));
      falsePositives(month(wentLive, month - 1), 1.9);
      cost(month(wentLive, month - 1), "11000");
      if (valueReviews().stream().anyMatch(t -> t.status() == TaskStatus.OPEN)) {
        decide(Decision.CONTINUE, null, null);
      }
    }

    List<TaskView> reviews = valueReviews();
    assertThat(reviews).extracting(t -> Duration.between(wentLive, t.createdAt()).toDays())
        .containsExactly(30L, 120L, 210L, 300L, 390L);
    assertThat(reviews).extracting(TaskView::findings).containsOnly("scheduled review");
    assertThat(reviews).extracting(TaskView::candidateGroup).containsOnly("program-office");
    assertThat(reviews).allSatisfy(t -> assertThat(t.dueAt()).isEqualTo(t.createdAt().plus(Duration.ofDays(14))));
    eventually(() -> systems.crm.get("valued"), r -> "CONTINUE".equals(r.latestValueDecision()), "the CRM record's decision");
    assertThat(systems.crm.get("valued").latestAttainment()).isEqualTo(105.0);
    assertThat(systems.crm.get("valued").goLiveDate()).as("a decision 13 months on does not move the go-live date")
        .isEqualTo(wentLive.toString().substring(0, 10));
    assertThat(summary().atRisk()).isFalse();
    assertThat(stub.view().stage()).isEqualTo(Stage.IN_PRODUCTION);
  }

  @Test
  void aKpiShortOfItsTargetInThreeConsecutiveMonthsOpensAnEarlyReviewAtOnce() {
    live();
    String first = month(summary().wentLiveAt(), 0);
    falsePositives(first, 3.5);
    falsePositives(month(summary().wentLiveAt(), 1), 3.2);
    assertThat(valueReviews()).isEmpty();

    falsePositives(month(summary().wentLiveAt(), 2), 3.0);

    TaskView early = openValueReview();
    assertThat(early.findings()).startsWith("early review: KPI 'false-positive rate' missed its target 2.0 in 3 consecutive months");
    assertThat(Duration.between(summary().wentLiveAt(), early.createdAt())).isLessThan(Duration.ofDays(1));
    eventually(this::summary, ValueSummary::atRisk, "at risk");

    // the same months do not open a second review once it is decided
    decide(Decision.FIX, "tune the threshold", today().plusDays(20));
    falsePositives(month(summary().wentLiveAt(), 2), 3.1);
    assertThat(valueReviews()).hasSize(1);
  }

  @Test
  void runCostOverTheBudgetRatioInTwoConsecutiveMonthsOpensAnEarlyReview() {
    live();
    cost(month(summary().wentLiveAt(), 0), "14400");
    cost(month(summary().wentLiveAt(), 1), "15000");
    assertThat(valueReviews()).as("14,400 is exactly 1.2 x the budget, not over it").isEmpty();

    cost(month(summary().wentLiveAt(), 2), "16000");

    assertThat(openValueReview().findings()).contains("run cost exceeded 1.2 x the monthly budget of 12000 EUR in 2 consecutive months");
  }

  @Test
  void pilotFiguresAreMarkedAndDoNotCountTowardAnEarlyReview() {
    falsePositives("2026-08", 3.9);
    falsePositives("2026-09", 3.8);
    falsePositives("2026-10", 3.7);
    live();
    falsePositives("2026-11", 3.6);

    assertThat(valueReviews()).isEmpty();
    var actuals = systems.valueSnapshots.stream().flatMap(s -> s.newActuals().stream()).toList();
    assertThat(actuals).extracting(a -> a.period() + (a.pilot() ? " pilot" : ""))
        .containsExactly("2026-08 pilot", "2026-09 pilot", "2026-10 pilot", "2026-11");
  }

  @Test
  void aCorrectionKeepsTheEarlierFigureInTheHistoryAndTheCorrectedValueCounts() {
    live();
    falsePositives(month(summary().wentLiveAt(), 0), 3.5);
    falsePositives(month(summary().wentLiveAt(), 1), 3.5);
    falsePositives(month(summary().wentLiveAt(), 1), 1.5);
    falsePositives(month(summary().wentLiveAt(), 2), 3.5);

    assertThat(valueReviews()).as("the corrected month meets the target: no streak of three").isEmpty();
    var actuals = systems.valueSnapshots.stream().flatMap(s -> s.newActuals().stream()).toList();
    assertThat(actuals).hasSize(4);
    assertThat(stub.view().tasks()).isNotEmpty();
  }

  @Test
  void fixReopensAReviewOnItsFollowUpDate() {
    live();
    env.sleep(Duration.ofDays(30));
    LocalDate followUp = today().plusDays(10);
    TaskView fixed = decide(Decision.FIX, "retrain on last quarter's data", followUp);

    env.sleep(Duration.ofDays(11));
    TaskView followUpReview = openValueReview();
    assertThat(followUpReview.findings()).isEqualTo("follow-up of FIX " + fixed.id());
    Instant due = followUp.atStartOfDay(ZoneOffset.UTC).toInstant();
    assertThat(followUpReview.createdAt()).as("a timer fires a few ms after its time").isBetween(due, due.plusSeconds(1));
  }

  @Test
  void pauseHasOperationsSwitchItOffAndALaterContinueHasThemSwitchItBackOn() {
    live();
    env.sleep(Duration.ofDays(30));
    decide(Decision.PAUSE, "no measurable effect on fraud losses", null);

    TaskView off = Drive.openTask(stub, Gate.VALUE_REVIEW, TaskKind.SWITCH_OFF);
    assertThat(off.candidateGroup()).isEqualTo("operations");
    assertThat(off.findings()).contains("Stop serving valued").contains("no measurable effect");
    eventually(this::summary, s -> s.serving() == ServingState.PAUSING, "pausing");
    stub.complete(new CompleteCommand(off.id(), member("operations", 1), Decision.SUBMIT, "feature flag off", null, null, null));
    eventually(this::summary, s -> s.serving() == ServingState.PAUSED && s.atRisk(), "paused");

    env.sleep(Duration.ofDays(90));
    decide(Decision.CONTINUE, null, null);
    TaskView on = Drive.openTask(stub, Gate.VALUE_REVIEW, TaskKind.SWITCH_ON);
    stub.complete(new CompleteCommand(on.id(), member("operations", 2), Decision.SUBMIT, "flag on", null, null, null));
    eventually(this::summary, s -> s.serving() == ServingState.SERVING, "serving again");
    assertThat(stub.view().stage()).isEqualTo(Stage.IN_PRODUCTION);
  }

  @Test
  void retireRetiresTheInitiativeThroughTheRetirementPath() {
    live();
    env.sleep(Duration.ofDays(30));
    decide(Decision.RETIRE, "the business case is gone", null);

    assertThat(WorkflowClient.execute(stub::run, null, null).join()).isEqualTo(Stage.RETIRED);
    assertThat(stub.view().outcomeReason()).contains("the business case is gone");
    assertThat(systems.ticketStatus.values()).containsOnly("DONE");
  }

  @Test
  void scaleIsRecordedWithWhoAndWhy() {
    live();
    env.sleep(Duration.ofDays(30));
    decide(Decision.SCALE, "roll out to the second market", null);

    var decision = eventually(this::summary, s -> s.latestDecision() != null, "the decision").latestDecision();
    assertThat(decision.decision()).isEqualTo(Decision.SCALE);
    assertThat(decision.decidedBy()).isEqualTo(REVIEWER);
    assertThat(decision.comment()).isEqualTo("roll out to the second market");
    assertThat(decision.occasion()).isEqualTo("scheduled review");
  }

  @Test
  void aValueDecisionNeedsItsCommentAndFixItsFollowUpDateAndNoOwnerDecides() {
    live();
    env.sleep(Duration.ofDays(30));
    TaskView review = openValueReview();

    assertInvalid(() -> stub.complete(new CompleteCommand(review.id(), member("program-office", 2), Decision.PAUSE, " ", null, null, null)),
        "comment is required with PAUSE");
    assertInvalid(() -> stub.complete(new CompleteCommand(review.id(), member("program-office", 2), Decision.FIX, "why", null, null, null)),
        "followUpOn is required with FIX");
    assertInvalid(() -> stub.complete(new CompleteCommand(review.id(), member("program-office", 2), Decision.APPROVE, "ok", null, null, null)),
        "does not apply to a VALUE_REVIEW task");
    assertRefused(() -> stub.complete(new CompleteCommand(review.id(), Drive.actor("ana.owner", "program-office"), Decision.CONTINUE, null,
        null, null, null)), Refusal.FORBIDDEN, "ana.owner is an owner of valued");
    // the same owner signed in under another user name, named by the address her identity provider gives
    Actor anaByAddress = new Actor("ana", Set.of("program-office"), "Ana.Owner");
    assertRefused(() -> stub.complete(new CompleteCommand(review.id(), anaByAddress, Decision.CONTINUE, null, null, null, null)),
        Refusal.FORBIDDEN, "ana is an owner of valued");

    stub.complete(new CompleteCommand(review.id(), member("program-office", 2), Decision.CONTINUE, null, null, null, null));
  }

  @Test
  void actualsAreRefusedForAnUnknownKpiABadMonthAWrongCurrencyOrAnOutsider() {
    assertInvalid(() -> stub.recordKpiActual(new KpiActualCommand(member("program-office", 1), "revenue", "2026-10", 1.0, null, null)),
        "'revenue' is not a KPI of valued; its KPIs are [false-positive rate]");
    assertInvalid(() -> stub.recordKpiActual(new KpiActualCommand(member("program-office", 1), "false-positive rate", "2026-13", 1.0,
        null, null)), "period: a month written YYYY-MM");
    assertInvalid(() -> stub.recordKpiActual(new KpiActualCommand(member("program-office", 1), "false-positive rate", "2026-10",
        Double.POSITIVE_INFINITY, null, null)), "value: a finite number");
    assertInvalid(() -> stub.recordCostActual(new CostActualCommand(member("program-office", 1), "2026-10", BigDecimal.TEN, "USD", null,
        null)), "the budget of valued is in EUR");
    assertRefused(() -> stub.recordKpiActual(new KpiActualCommand(member("security", 1), "false-positive rate", "2026-10", 1.0, null,
        null)), Refusal.FORBIDDEN, "security-1 may not record KPI actuals");
    stub.recordKpiActual(new KpiActualCommand(Drive.actor("tom.tech"), "false-positive rate", "2026-10", 3.0, null, null));
    stub.recordKpiActual(new KpiActualCommand(Drive.actor("feed", "value-feed"), "false-positive rate", "2026-10", 2.9, KpiSource.API,
        null));
  }

  @Test
  void kpisNamingAnMlflowMetricAreReadEveryMonth() {
    systems.kpiMetrics.put("approval rate", 0.71);
    var kpis = List.of(new io.runway.lifecycle.model.Kpi("approval rate", "%", 0.6, 0.8,
        new io.runway.lifecycle.model.MlflowMetric("approval_rate", null, "fraud-kpis", null)));
    var base = request("pulled", RiskTier.MINIMAL);
    var withMlflow = new io.runway.lifecycle.model.InitiativeRequest(base.key(), base.name(), base.purpose(), base.businessUnit(),
        base.riskTier(), base.owners(), base.sponsor(), base.dataClasses(), kpis, base.budget(), base.modelName(), base.modelVersion());
    InitiativeWorkflow pulled = drive.launch(withMlflow);
    Drive.driveToProduction(pulled, RiskTier.MINIMAL);

    env.sleep(Duration.ofDays(62));

    eventually(() -> systems.kpiQueries.size(), n -> n >= 2, "two monthly reads");
    var query = systems.kpiQueries.getFirst();
    assertThat(query.metric().experiment()).isEqualTo("fraud-kpis");
    assertThat(Instant.ofEpochMilli(query.fromMillis())).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(Instant.ofEpochMilli(query.toMillis())).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    var recorded = eventually(() -> systems.valueSnapshots.stream().flatMap(s -> s.newActuals().stream())
        .filter(a -> a.source() == KpiSource.MLFLOW).toList(), l -> l.size() >= 2, "actuals read from MLflow");
    assertThat(recorded).extracting(a -> a.period() + "=" + a.value()).startsWith("2026-11=0.71", "2026-12=0.71");
    assertThat(recorded.getFirst().recordedBy()).isEqualTo("mlflow");
  }

  private void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertRefused(call, Refusal.INVALID, message);
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String type, String message) {
    assertThatThrownBy(call).isInstanceOf(WorkflowUpdateException.class)
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(type);
          assertThat(f.getOriginalMessage()).contains(message);
        });
  }
}
