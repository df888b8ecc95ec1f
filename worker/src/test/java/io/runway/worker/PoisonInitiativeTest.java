package io.runway.worker;

import static io.runway.worker.ApiTestSupport.completeLaunch;
import static io.runway.worker.ApiTestSupport.uniqueKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.Lifecycle;
import io.runway.worker.observability.StuckInitiatives;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * A poison initiative on the real Temporal server (the Temporal CLI's dev server, which the app starts
 * itself in its local run): a bug that throws in one initiative's workflow code fails its workflow
 * task on every attempt. The others keep moving; the stuck scan flags it (metric, console badge);
 * once the bug is fixed the same workflow, with the same history, carries on and the flag clears.
 *
 * <p>The bug is a worker interceptor in this test that throws an Error while the withdraw signal of
 * one initiative is handled (on every replay of it), until the test "deploys the fix" (switches it
 * off): the next retry of the task runs the fixed code, as a restarted worker of a fixed build would. One JVM, not the multi-process suite: the fault is in workflow code,
 * which the packaged application cannot be made to carry.
 */
@AutoConfigureMetrics
@Import(PoisonInitiativeTest.Bug.class)
@DirtiesContext // its own context, with a dev server child and a bug in its workers: not one to keep for later tests
@SpringBootTest(classes = RunwayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "runway.dev-server.enabled=true",
        "runway.data-dir=${runway.poison-test.data-dir}",
        "runway.temporal-cli=${runway.poison-test.cli}",
        "runway.stuck.interval=2s",
        "runway.stuck.attempts=3"})
class PoisonInitiativeTest {

  static final String OFFICE = ApiTestSupport.PROGRAM_OFFICE;
  /** The workflow id the bug hits, and whether the build with the bug is still deployed. */
  static final AtomicReference<String> poisoned = new AtomicReference<>();
  static final AtomicInteger failedTasks = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired StuckInitiatives stuck;
  @Autowired WorkflowServiceStubs stubs;

  @BeforeAll
  static void needsTheCli() throws IOException {
    Path cli = RunwayProcess.temporalCli();
    Path data = Files.createTempDirectory("runway-poison-");
    System.setProperty("runway.poison-test.cli", cli.toString());
    System.setProperty("runway.poison-test.data-dir", data.toString());
  }

  /**
   * An Error, not an exception: the application drops a signal whose handler throws an exception
   * ({@code HandlerFailures}), but an Error fails the workflow task, as a bug in the workflow's own
   * code or a policy it cannot apply does.
   */
  static final class PoisonBug extends Error {
    PoisonBug(String message) {
      super(message);
    }
  }

  @TestConfiguration
  static class Bug {
    /** Registered with every worker the app creates, as any WorkerInterceptor bean is. */
    @Bean
    WorkerInterceptor poisonOneInitiative() {
      return new WorkerInterceptorBase() {
        @Override
        public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
          return new WorkflowInboundCallsInterceptorBase(next) {
            @Override
            public void handleSignal(SignalInput input) {
              if (Workflow.getInfo().getWorkflowId().equals(poisoned.get())) {
                failedTasks.incrementAndGet();
                throw new PoisonBug("a bug in the " + input.getSignalName() + " handler of " + poisoned.get());
              }
              super.handleSignal(input);
            }
          };
        }
      };
    }
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aPoisonInitiativeFailsAloneIsShownStuckAndRecoversAfterTheFix() {
    Api api = new Api(port);
    String poison = uniqueKey("poison");
    String bystander = uniqueKey("bystander");
    poisoned.set(Lifecycle.workflowId(poison));
    for (String key : new String[] {poison, bystander}) {
      Api.Response launched = api.post(OFFICE, "/api/v1/initiatives", completeLaunch(key, "MINIMAL"));
      assertThat(launched.status()).as(launched.raw()).isEqualTo(201);
      awaitTrue(key + " at its security review", Duration.ofSeconds(60),
          () -> "SECURITY_REVIEW".equals(stage(api, key)));
    }

    // the command that hits the bug is accepted (a signal): its workflow task then fails on every attempt
    Instant poisonedAt = Instant.now();
    assertThat(api.post(OFFICE, "/api/v1/initiatives/" + poison + "/withdraw", Map.of("reason", "poison")).status())
        .isEqualTo(202);
    try {
      awaitTrue("the stuck flag", Duration.ofSeconds(60), () -> stuck.find(poison).isPresent());
    } catch (AssertionError notFlagged) {
      throw new AssertionError(notFlagged.getMessage() + "; failed tasks " + failedTasks.get() + ", stuck " + stuck.all()
          + ", scanner running " + stuck.isRunning() + ", workflow: " + stubs.blockingStub().describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default").setExecution(
                  WorkflowExecution.newBuilder().setWorkflowId(Lifecycle.workflowId(poison))).build()), notFlagged);
    }
    Instant flaggedAt = Instant.now();
    int attemptsWhenFlagged = stuck.find(poison).orElseThrow().attempts();
    int failedWhenFlagged = failedTasks.get();
    assertThat(attemptsWhenFlagged).isGreaterThanOrEqualTo(3);
    assertThat(failedTasks.get()).isGreaterThanOrEqualTo(3);
    assertThat(stuck.all()).containsOnlyKeys(poison);

    // what an operator sees: the metric, and the badge on the initiative's page and in the list
    assertThat(api.get(null, "/actuator/prometheus").raw()).contains("runway_initiatives_stuck 1.0");
    JsonNode flagged = api.get("auditor-1", "/api/v1/initiatives/" + poison).json().path("stuck");
    assertThat(flagged.path("attempts").asInt()).as(flagged.toString()).isGreaterThanOrEqualTo(3);
    assertThat(flagged.path("since").asString()).isNotBlank();
    assertThat(api.get("auditor-1", "/api/v1/initiatives/" + bystander).json().has("stuck")).isFalse();
    ConsoleSession console = ConsoleSession.signIn(port, OFFICE);
    String page = console.get("/console/initiatives/" + poison).body();
    assertThat(page).contains("id=\"stuck\"").contains("badge-stuck").contains("cannot move on");
    assertThat(console.get("/console/initiatives/" + bystander).body()).doesNotContain("id=\"stuck\"");
    assertThat(console.get("/console/initiatives?q=" + poison).body()).contains("badge-stuck");

    // the others are unaffected: the bystander takes the same command, a new launch moves on
    assertThat(stage(api, poison)).isEqualTo("SECURITY_REVIEW");
    assertThat(api.post(OFFICE, "/api/v1/initiatives/" + bystander + "/withdraw", Map.of("reason", "fine")).status())
        .isEqualTo(202);
    String late = uniqueKey("late");
    assertThat(api.post(OFFICE, "/api/v1/initiatives", completeLaunch(late, "MINIMAL")).status()).isEqualTo(201);
    awaitTrue("the bystander withdrawn", Duration.ofSeconds(60), () -> "WITHDRAWN".equals(stage(api, bystander)));
    awaitTrue("the late launch at its security review", Duration.ofSeconds(60),
        () -> "SECURITY_REVIEW".equals(stage(api, late)));
    assertThat(stuck.find(poison)).isPresent();

    // the fix is deployed: the retried task succeeds on the same history, nothing done to the workflow
    int failedBeforeFix = failedTasks.get();
    poisoned.set(null);
    Instant fixedAt = Instant.now();
    awaitTrue("the poison initiative withdrawn after the fix", Duration.ofSeconds(180),
        () -> "WITHDRAWN".equals(stage(api, poison)));
    Instant progressedAt = Instant.now();
    awaitTrue("the stuck flag cleared", Duration.ofSeconds(30), () -> stuck.find(poison).isEmpty());
    Instant clearedAt = Instant.now();
    assertThat(api.get(null, "/actuator/prometheus").raw()).contains("runway_initiatives_stuck 0.0");
    assertThat(api.get("auditor-1", "/api/v1/initiatives/" + poison).json().has("stuck")).isFalse();
    assertThat(console.get("/console/initiatives/" + poison).body()).doesNotContain("id=\"stuck\"");

    System.out.printf("[fault] poison: flagged at attempt %d (%d failed workflow tasks), %.1f s after the command;"
            + " %d failed tasks before the fix; progressing %.1f s after the fix, flag cleared %.1f s after the fix%n",
        attemptsWhenFlagged, failedWhenFlagged, seconds(poisonedAt, flaggedAt),
        failedBeforeFix, seconds(fixedAt, progressedAt), seconds(fixedAt, clearedAt));
  }

  private static String stage(Api api, String key) {
    Api.Response response = api.get("auditor-1", "/api/v1/initiatives/" + key);
    return response.status() == 200 ? response.json().path("stage").asString() : "(" + response.status() + ")";
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static void awaitTrue(String what, Duration timeout, BooleanSupplier done) {
    Instant deadline = Instant.now().plus(timeout);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      RunwayProcess.sleep(200);
    }
  }
}
