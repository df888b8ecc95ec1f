package io.runway.bench;

import io.runway.bench.baseline.AesGcmCodec;
import io.runway.bench.baseline.BaselineWorker;
import io.runway.bench.baseline.BaselineWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The raw-Temporal baseline on the same dev server as Runway: its worker is its own JVM process
 * ({@link BaselineWorker}, the same heap limit as Runway's), the harness is its client, starting
 * workflows and sending updates directly over gRPC (what Runway's API process does on a user's behalf).
 */
final class BaselineEngine implements Engine {

  static final String ID_PREFIX = "baseline-";

  final Process worker;
  private final WorkflowClient client;
  private final int activitiesPerStep;

  BaselineEngine(DevServer server, String codecKeyBase64, int activitiesPerStep, String java, String xmx, Path log)
      throws IOException, InterruptedException {
    this.activitiesPerStep = activitiesPerStep;
    // the harness's own class path: the shaded jar, or the build's classes and dependencies under a test
    String classPath = System.getProperty("java.class.path");
    worker = new ProcessBuilder(java, "-Xmx" + xmx, "-cp", classPath, BaselineWorker.class.getName(), server.target(), codecKeyBase64)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    client = WorkflowClient.newInstance(server.service,
        WorkflowClientOptions.newBuilder().setDataConverter(AesGcmCodec.dataConverter(codecKeyBase64)).build());
    Thread.sleep(500);
    if (!worker.isAlive()) {
      throw new IOException("the baseline worker exited at once; see " + log);
    }
  }

  @Override
  public String name() {
    return "raw Temporal";
  }

  long pid() {
    return worker.pid();
  }

  @Override
  public Api.Response launch(String key, int n, String tier) {
    long t0 = System.nanoTime();
    try {
      BaselineWorkflow stub = client.newWorkflowStub(BaselineWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(ID_PREFIX + key).setTaskQueue(BaselineWorkflow.TASK_QUEUE).build());
      WorkflowClient.start(stub::run, key, tier, activitiesPerStep);
      return new Api.Response(201, null, System.nanoTime() - t0, null);
    } catch (RuntimeException e) {
      return new Api.Response(500, null, System.nanoTime() - t0, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private BaselineWorkflow stub(String key) {
    return client.newWorkflowStub(BaselineWorkflow.class, ID_PREFIX + key);
  }

  @Override
  public List<OpenTask> openTasks(String key) {
    List<OpenTask> tasks = new ArrayList<>();
    for (String row : stub(key).openTasks()) {
      String[] f = row.split("\\|");
      tasks.add(new OpenTask(f[0], f[1], f[2], Integer.parseInt(f[3])));
    }
    return tasks;
  }

  @Override
  public void complete(String key, OpenTask task, String user) {
    stub(key).complete(task.id(), user);
  }

  @Override
  public void resolveTicket(String key) {
    stub(key).resolveTicket();
  }

  @Override
  public boolean inProduction(String key) {
    return "IN_PRODUCTION".equals(stub(key).stage());
  }

  @Override
  public void close() {
    worker.destroy();
    try {
      if (!worker.waitFor(20, TimeUnit.SECONDS)) {
        worker.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.destroyForcibly();
    }
  }

}
