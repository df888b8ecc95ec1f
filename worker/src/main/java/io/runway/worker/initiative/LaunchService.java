package io.runway.worker.initiative;

import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.LaunchInput;
import io.runway.worker.audit.AuditNotes;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.TemporalCalls;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;

/**
 * Launches an initiative: acknowledges it in launch_request (idempotent by key), then starts its
 * workflow. A retry after a crash between the two finds the row and starts the workflow then; a
 * workflow that already runs or ran for the key is left as it is.
 */
@Service
public class LaunchService {

  private final LaunchRequests launches;
  private final WorkflowClient temporal;
  private final Clock clock;

  LaunchService(LaunchRequests launches, WorkflowClient temporal) {
    this.launches = launches;
    this.temporal = temporal;
    this.clock = Clock.systemUTC();
  }

  public LaunchResponse launch(InitiativeRequest request, Actor actor) {
    AccessMatrix.LAUNCH.require(actor);
    AuditNotes.initiative(request.key());
    CanonicalPayload payload = CanonicalPayload.of(request);
    // microseconds: what PostgreSQL stores, so the first answer equals every replayed one
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    LaunchRequests.Accepted accepted =
        launches.recordOrGet(request.key(), payload.sha256, payload.json, actor.username(), now);
    if (!accepted.payloadHash().equals(payload.sha256)) {
      throw ApiProblem.conflict(
          "Initiative key '" + request.key() + "' was already launched with a different request on "
              + accepted.acceptedAt() + "; choose another key, or resend the original request.");
    }
    InitiativeRequest original = CanonicalPayload.read(accepted.payload());
    start(new LaunchInput(original, accepted.launchedBy(), accepted.acceptedAt(), null));
    return LaunchResponse.of(accepted, original);
  }

  private void start(LaunchInput input) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(Lifecycle.workflowId(input.request().key()))
            .setTaskQueue(Lifecycle.TASK_QUEUE)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .build();
    InitiativeWorkflow workflow = temporal.newWorkflowStub(InitiativeWorkflow.class, options);
    try {
      TemporalCalls.run(input.request().key(), () -> WorkflowClient.start(workflow::run, input, null));
    } catch (WorkflowExecutionAlreadyStarted e) {
      // the workflow for this key ran and closed: the launch was already carried out
    }
  }
}
