package io.runway.bench.baseline;

import io.runway.bench.Plan;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class BaselineWorkflowImpl implements BaselineWorkflow {

  private final BaselineActivities activities = Workflow.newActivityStub(BaselineActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

  /** Open task id -> approvals still needed. */
  private final Map<String, Integer> open = new LinkedHashMap<>();
  private final Map<String, Plan.Task> tasks = new LinkedHashMap<>();
  private boolean ticketOpen;
  private String stage = "INTAKE";
  /** The activities a phase runs while people review (started at once, awaited before the workflow ends). */
  private final List<Promise<Void>> background = new ArrayList<>();

  @Override
  public void run(String key, String tier, int activitiesPerStep) {
    for (List<Plan.Task> phase : Plan.phases(tier)) {
      // one activity before the phase's tasks open (as Runway projects a task before its inbox shows it),
      // the rest started together once they are open (notifications, tickets, CRM: work a transition does
      // while people review), as a hand-written application would, so they never delay the next phase
      if (activitiesPerStep > 0) {
        activities.step(phase.getFirst().gate());
      }
      for (Plan.Task task : phase) {
        String id = key + "." + task.gate();
        tasks.put(id, task);
        open.put(id, task.approvals());
        ticketOpen |= task.gate().equals("INTEGRATION");
      }
      stage = phase.getFirst().gate();
      for (int i = 1; i < activitiesPerStep; i++) {
        background.add(Async.procedure(activities::step, phase.getFirst().gate()));
      }
      Workflow.await(() -> open.isEmpty() && !ticketOpen);
    }
    for (int i = 0; i < activitiesPerStep; i++) {
      background.add(Async.procedure(activities::step, "IN_PRODUCTION"));
    }
    stage = "IN_PRODUCTION";
    Promise.allOf(background).get();
  }

  @Override
  public String complete(String taskId, String user) {
    int left = open.get(taskId) - 1;
    if (left == 0) {
      open.remove(taskId);
    } else {
      open.put(taskId, left);
    }
    return "ok";
  }

  @Override
  public void validateComplete(String taskId, String user) {
    if (!open.containsKey(taskId)) {
      throw new IllegalArgumentException("task " + taskId + " is not open");
    }
  }

  @Override
  public void resolveTicket() {
    ticketOpen = false;
  }

  @Override
  public List<String> openTasks() {
    List<String> list = new ArrayList<>();
    open.forEach((id, left) -> list.add(id + "|" + tasks.get(id).gate() + "|" + tasks.get(id).group() + "|" + left));
    return list;
  }

  @Override
  public String stage() {
    return stage;
  }
}
