package io.temporal.worker;

/**
 * Test-only access to a worker factory's workflow cache, which the SDK keeps package-private:
 * emptying it makes the next workflow task replay the whole history, as after a worker restart.
 */
public final class WorkflowCaches {

  private WorkflowCaches() {}

  public static void empty(WorkerFactory factory) {
    factory.getCache().invalidateAll();
  }
}
