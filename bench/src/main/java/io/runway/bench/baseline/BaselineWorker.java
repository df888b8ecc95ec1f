package io.runway.bench.baseline;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;

/**
 * The baseline's worker as its own process (so its CPU and heap are its own, as Runway's worker's are):
 * {@code java -cp runway-bench.jar io.runway.bench.baseline.BaselineWorker <host:port> <base64 AES key>}.
 * The same worker settings as Runway's defaults: sticky cache 600 on 600 threads, 200 task slots, 5 pollers.
 */
public final class BaselineWorker {

  private BaselineWorker() {}

  public static void main(String[] args) throws InterruptedException {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
    WorkflowClient client = WorkflowClient.newInstance(service,
        WorkflowClientOptions.newBuilder().setDataConverter(AesGcmCodec.dataConverter(args[1])).build());
    WorkerFactory factory = WorkerFactory.newInstance(client,
        WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(600).setMaxWorkflowThreadCount(600).build());
    Worker worker = factory.newWorker(BaselineWorkflow.TASK_QUEUE, WorkerOptions.newBuilder()
        .setMaxConcurrentWorkflowTaskExecutionSize(200)
        .setMaxConcurrentActivityExecutionSize(200)
        .setMaxConcurrentWorkflowTaskPollers(5)
        .setMaxConcurrentActivityTaskPollers(5)
        .build());
    worker.registerWorkflowImplementationTypes(BaselineWorkflowImpl.class);
    worker.registerActivitiesImplementations(new BaselineActivities.NoOp());
    factory.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> factory.shutdownNow(), "stop-baseline-worker"));
    System.out.println("baseline worker polling " + BaselineWorkflow.TASK_QUEUE + " on " + args[0]);
    Thread.currentThread().join();
  }
}
