package io.runway.lifecycle;

import static io.runway.lifecycle.Drive.member;
import static io.runway.lifecycle.Drive.request;

import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.EndCommand;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.ProductionEvent;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the history that {@link ReplayTest} replays. Run it when a release changes the workflow:
 * {@code mvn -pl workflows test -Dtest=HistoryRecorder -Drunway.recordHistories=v2}, then commit the file.
 * The run covers every kind of command: claims, request changes, SLA timers, parallel gates,
 * two-person go-live, a production event, KPI and cost figures and a value review (from v9), a vendor
 * call retried by the workflow (from v8), continue-free retirement; and a reclassification that adds a
 * gate of an earlier phase (from v11); from v12 the projection sends deltas after the run's first snapshot.
 */
@EnabledIfSystemProperty(named = "runway.recordHistories", matches = "v\\d+")
class HistoryRecorder {

  final FakeSystems systems = new FakeSystems();

  @RegisterExtension
  final TestWorkflowExtension testWorkflow = Drive.environment(systems);

  @Test
  void recordAHighRiskLifecycle(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
    // the first ticket open fails once, as an overloaded vendor does: the workflow waits on a timer and retries
    systems.ticketOutages.set(1);
    InitiativeWorkflow stub = new Drive(client, worker.getTaskQueue()).launch(request("recorded", RiskTier.HIGH));
    var security = Drive.openReview(stub, Gate.SECURITY_REVIEW);
    stub.claim(new ClaimCommand(security.id(), member("security", 1), false));
    env.sleep(Duration.ofDays(9));
    Drive.decide(stub, Gate.SECURITY_REVIEW, member("security", 1), Decision.REQUEST_CHANGES, "add rate limiting");
    var findings = Drive.openTask(stub, Gate.SECURITY_REVIEW, TaskKind.ADDRESS_FINDINGS);
    stub.complete(new io.runway.lifecycle.model.CompleteCommand(findings.id(), Drive.actor("tom.tech"), Decision.SUBMIT, "done",
        null, null, null));
    stub.recordKpiActual(new io.runway.lifecycle.model.KpiActualCommand(member("program-office", 1), "false-positive rate", "2026-10",
        3.1, io.runway.lifecycle.model.KpiSource.MANUAL, "pilot"));
    Drive.driveToProduction(stub, RiskTier.HIGH);
    stub.productionEvent(new ProductionEvent("drift-1", ProductionEventType.DRIFT_ALERT, "PSI 0.3", null, "monitoring"));
    Drive.approve(stub, Gate.HITL_VALIDATION, member("business-validation", 1));
    Drive.eventually(() -> Drive.gateView(stub.view(), Gate.HITL_VALIDATION).round(), r -> r == 2, "re-validation");
    Drive.eventually(() -> Drive.gateView(stub.view(), Gate.HITL_VALIDATION).status(),
        s -> s == io.runway.lifecycle.model.GateStatus.APPROVED, "re-validated");
    // value realization (v9): figures in production, a scheduled value review decided
    stub.recordKpiActual(new io.runway.lifecycle.model.KpiActualCommand(member("program-office", 1), "false-positive rate", "2026-11",
        2.4, io.runway.lifecycle.model.KpiSource.API, null));
    stub.recordCostActual(new io.runway.lifecycle.model.CostActualCommand(member("program-office", 1), "2026-11",
        new java.math.BigDecimal("11500"), "EUR", java.util.Map.of("inference", new java.math.BigDecimal("9000")), null));
    env.sleep(Duration.ofDays(31));
    var value = Drive.openTask(stub, Gate.VALUE_REVIEW, TaskKind.VALUE_REVIEW);
    stub.complete(new io.runway.lifecycle.model.CompleteCommand(value.id(), member("program-office", 2), Decision.CONTINUE, null,
        null, null, null));
    stub.retire(new EndCommand(member("operations", 1), "replaced"));
    WorkflowClient.execute(stub::run, null, null).join();

    write(client, "recorded", "initiative-high-lifecycle-");
  }

  /**
   * A reclassification that adds a gate of an earlier phase while a later one is under way (from v11),
   * then the rest of the lifecycle: the added gate and the CRM record following every transition.
   */
  @Test
  void recordAReclassifiedLifecycle(WorkflowClient client, Worker worker) throws Exception {
    InitiativeWorkflow stub = new Drive(client, worker.getTaskQueue()).launch(request("reclassified", RiskTier.MINIMAL));
    Drive.approve(stub, Gate.SECURITY_REVIEW, member("security", 1));
    Drive.approve(stub, Gate.DATA_READINESS, member("data-engineering", 1));
    Drive.openReview(stub, Gate.INTEGRATION);
    stub.reclassify(new io.runway.lifecycle.model.ReclassifyCommand(member("program-office", 1), RiskTier.LIMITED,
        "it talks to customers"));
    Drive.openReview(stub, Gate.LEGAL_REVIEW);
    Drive.approve(stub, Gate.INTEGRATION, member("engineering", 1));
    Drive.approve(stub, Gate.LEGAL_REVIEW, member("legal", 1));
    Drive.approve(stub, Gate.HITL_VALIDATION, member("business-validation", 1));
    Drive.approve(stub, Gate.OPERATIONS_HANDOVER, member("operations", 1));
    Drive.awaitStage(stub, Stage.IN_PRODUCTION);
    stub.retire(new EndCommand(member("operations", 1), "replaced"));
    WorkflowClient.execute(stub::run, null, null).join();

    write(client, "reclassified", "initiative-reclassified-lifecycle-");
  }

  private static void write(WorkflowClient client, String key, String prefix) throws Exception {
    String version = System.getProperty("runway.recordHistories");
    Path file = Path.of("src/test/resources/histories/" + prefix + version + ".json");
    Files.writeString(file, client.fetchHistory(Lifecycle.workflowId(key)).toJson(true));
    System.out.println("recorded " + file.toAbsolutePath() + " ending " + Stage.RETIRED);
  }
}
