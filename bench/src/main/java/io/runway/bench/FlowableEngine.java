package io.runway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.engine.runtime.Execution;
import org.flowable.task.api.Task;

/**
 * Flowable's BPMN engine embedded in the harness, on the same PostgreSQL as Runway (its own database,
 * {@code flowable}), with its async executor on: the lifecycle of {@code lifecycle.bpmn20.xml}, started
 * through the RuntimeService and driven by the same simulated users through the TaskService. History
 * level audit (Flowable's default). The engine runs in the harness's JVM, so its CPU is the harness's.
 */
final class FlowableEngine implements Engine {

  /** The service tasks' body: nothing, as the baseline's activities. */
  public static final class NoOp implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      // no-op: the comparison measures the engine, not the integrations
    }
  }

  private final ProcessEngine engine;

  FlowableEngine(BenchDatabase db) {
    StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
    cfg.setJdbcUrl(db.jdbcUrl(BenchDatabase.FLOWABLE_DB));
    cfg.setJdbcDriver("org.postgresql.Driver");
    cfg.setJdbcUsername("postgres");
    cfg.setJdbcPassword("postgres");
    cfg.setJdbcMaxActiveConnections(20);
    cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    cfg.setAsyncExecutorActivate(true);
    // a job the async executor could not take at once (its hand-off after commit raced, or all threads were
    // busy) is found again by polling: Flowable's default wait between polls is 10 s, which a user who
    // cares about task latency lowers; 100 ms keeps the idle engine's polling cheap
    cfg.setAsyncExecutorDefaultAsyncJobAcquireWaitTime(100);
    engine = cfg.buildProcessEngine();
    engine.getRepositoryService().createDeployment().addClasspathResource("lifecycle.bpmn20.xml").deploy();
  }

  @Override
  public String name() {
    return "Flowable";
  }

  @Override
  public Api.Response launch(String key, int n, String tier) {
    long t0 = System.nanoTime();
    try {
      Authentication.setAuthenticatedUserId(Launcher.USER);
      engine.getRuntimeService().startProcessInstanceByKey("lifecycle", key, Map.of("tier", tier, "name", "Bench initiative " + n));
      return new Api.Response(201, null, System.nanoTime() - t0, null);
    } catch (RuntimeException e) {
      return new Api.Response(500, null, System.nanoTime() - t0, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      Authentication.setAuthenticatedUserId(null);
    }
  }

  @Override
  public List<OpenTask> openTasks(String key) {
    List<OpenTask> open = new ArrayList<>();
    for (Task t : engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).list()) {
      open.add(new OpenTask(t.getId(), t.getTaskDefinitionKey(), group(t.getTaskDefinitionKey()), 1));
    }
    return open;
  }

  private static String group(String gate) {
    return switch (gate) {
      case "SECURITY_REVIEW" -> "security";
      case "LEGAL_REVIEW" -> "legal";
      case "DATA_READINESS" -> "data-engineering";
      case "INTEGRATION" -> "engineering";
      case "HITL_VALIDATION" -> "business-validation";
      case "GO_LIVE_DECISION" -> "governance-board";
      default -> "operations";
    };
  }

  @Override
  public void complete(String key, OpenTask task, String user) {
    Authentication.setAuthenticatedUserId(user);
    try {
      engine.getTaskService().complete(task.id(), user, Map.of("decision_" + task.gate(), "APPROVE"));
    } finally {
      Authentication.setAuthenticatedUserId(null);
    }
  }

  @Override
  public void resolveTicket(String key) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      Execution waiting = engine.getRuntimeService().createExecutionQuery().processInstanceBusinessKey(key, true)
          .activityId("ticketResolved").singleResult();
      if (waiting != null) {
        engine.getRuntimeService().trigger(waiting.getId());
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("no ticket waiting for " + key);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
    }
  }

  @Override
  public boolean inProduction(String key) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).count() == 0
        && engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).finished().count() == 1;
  }

  @Override
  public void close() {
    engine.close();
  }
}
