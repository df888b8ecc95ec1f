package io.runway.worker.initiative;

import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.EndCommand;
import io.runway.lifecycle.model.EvidenceCommand;
import io.runway.lifecycle.model.EvidenceInput;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.ProductionEvent;
import io.runway.lifecycle.model.ReclassifyCommand;
import io.runway.lifecycle.model.Stage;
import io.runway.worker.initiative.CommandBodies.EventBody;
import io.runway.worker.initiative.CommandBodies.EvidenceBody;
import io.runway.worker.initiative.CommandBodies.ReclassifyBody;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.TemporalCalls;
import io.temporal.client.WorkflowClient;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Commands on a running initiative. Decisions go as Updates (the workflow's validators answer);
 * endings and production events go as Signals after the API checks the stage the workflow reports.
 */
@Service
class InitiativeCommands {

  private final WorkflowClient temporal;
  private final LaunchRequests launches;

  InitiativeCommands(WorkflowClient temporal, LaunchRequests launches) {
    this.temporal = temporal;
    this.launches = launches;
  }

  InitiativeView attachEvidence(String key, EvidenceBody body, Actor actor) {
    AccessMatrix.ATTACH_EVIDENCE.require(actor);
    InitiativeWorkflow workflow = workflow(key);
    EvidenceInput evidence = new EvidenceInput(body.kind(), body.title(), body.uri(), body.sha256());
    return TemporalCalls.call(key, () -> workflow.attachEvidence(new EvidenceCommand(actor, body.gate(), evidence)));
  }

  InitiativeView reclassify(String key, ReclassifyBody body, Actor actor) {
    AccessMatrix.RECLASSIFY.require(actor);
    InitiativeWorkflow workflow = workflow(key);
    return TemporalCalls.call(key, () -> workflow.reclassify(new ReclassifyCommand(actor, body.riskTier(), body.reason())));
  }

  void withdraw(String key, String reason, Actor actor) {
    AccessMatrix.WITHDRAW.require(actor);
    InitiativeWorkflow workflow = workflow(key);
    Stage stage = stage(key, workflow);
    if (stage.isTerminal()) {
      throw ApiProblem.conflict("Initiative '" + key + "' has already ended (" + stage + "); there is nothing to withdraw.");
    }
    TemporalCalls.run(key, () -> workflow.withdraw(new EndCommand(actor, reason)));
  }

  void retire(String key, String reason, Actor actor) {
    AccessMatrix.RETIRE.require(actor);
    InitiativeWorkflow workflow = workflow(key);
    requireInProduction(key, stage(key, workflow), "retired");
    TemporalCalls.run(key, () -> workflow.retire(new EndCommand(actor, reason)));
  }

  String productionEvent(String key, EventBody body, Actor actor) {
    AccessMatrix.PRODUCTION_EVENT.require(actor);
    InitiativeWorkflow workflow = workflow(key);
    requireInProduction(key, stage(key, workflow), "sent production events");
    String eventId = body.eventId() == null || body.eventId().isBlank() ? UUID.randomUUID().toString() : body.eventId();
    ProductionEvent event = new ProductionEvent(eventId, body.type(), body.detail(), body.modelVersion(), actor.username());
    TemporalCalls.run(key, () -> workflow.productionEvent(event));
    return eventId;
  }

  private InitiativeWorkflow workflow(String key) {
    if (Lifecycle.isSampleHistory(key)) {
      throw ApiProblem.conflict("Initiative '" + key + "' is a past sample record of the demo seed, written into the"
          + " read model with no workflow behind it: it takes no commands.");
    }
    if (!launches.exists(key)) {
      throw ApiProblem.notFound("No initiative with key '" + key + "'.");
    }
    return temporal.newWorkflowStub(InitiativeWorkflow.class, Lifecycle.workflowId(key));
  }

  /** The workflow's own answer, not the read model's, so a command never races the projection. */
  private static Stage stage(String key, InitiativeWorkflow workflow) {
    return TemporalCalls.call(key, () -> workflow.view().stage());
  }

  private static void requireInProduction(String key, Stage stage, String what) {
    if (stage != Stage.IN_PRODUCTION) {
      throw ApiProblem.conflict(
          "Initiative '" + key + "' is " + stage + "; only initiatives IN_PRODUCTION can be " + what + ".");
    }
  }
}
