package io.runway.bench;

import java.util.List;

/**
 * An engine the comparison drives the same way as Runway: launch open-loop, then simulated users
 * complete each open task (every approval it needs), resolve the integration ticket, and wait for the
 * next task to show in the inbox. Runway itself is driven over its REST API ({@link Driver}); the
 * raw-Temporal baseline and Flowable implement this.
 */
interface Engine extends AutoCloseable {

  record OpenTask(String id, String gate, String group, int approvalsLeft) {}

  String name();

  Api.Response launch(String key, int n, String tier);

  /** The initiative's open tasks, as its inbox shows them. */
  List<OpenTask> openTasks(String key);

  void complete(String key, OpenTask task, String user);

  void resolveTicket(String key);

  boolean inProduction(String key);

  @Override
  default void close() {}
}
