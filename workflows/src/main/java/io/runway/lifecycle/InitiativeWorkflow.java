package io.runway.lifecycle;

import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.CostActualCommand;
import io.runway.lifecycle.model.EndCommand;
import io.runway.lifecycle.model.EvidenceCommand;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.KpiActualCommand;
import io.runway.lifecycle.model.LaunchInput;
import io.runway.lifecycle.model.ProductionEvent;
import io.runway.lifecycle.model.ReadinessException;
import io.runway.lifecycle.model.ReadinessExceptionCommand;
import io.runway.lifecycle.model.ReclassifyCommand;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskView;
import io.runway.lifecycle.model.TicketEvent;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One AI initiative from intake to retirement. Decisions are Updates whose validators refuse what
 * the rules forbid before anything is written to history; production events and endings are Signals.
 */
@WorkflowInterface
public interface InitiativeWorkflow {

  /** Runs the lifecycle; {@code carried} is the state handed over by continue-as-new, null at launch. */
  @WorkflowMethod
  Stage run(LaunchInput launch, InitiativeState carried);

  @UpdateMethod
  TaskView claim(ClaimCommand command);

  @UpdateValidatorMethod(updateName = "claim")
  void validateClaim(ClaimCommand command);

  @UpdateMethod
  TaskView complete(CompleteCommand command);

  @UpdateValidatorMethod(updateName = "complete")
  void validateComplete(CompleteCommand command);

  @UpdateMethod
  InitiativeView attachEvidence(EvidenceCommand command);

  @UpdateValidatorMethod(updateName = "attachEvidence")
  void validateAttachEvidence(EvidenceCommand command);

  @UpdateMethod
  InitiativeView reclassify(ReclassifyCommand command);

  @UpdateValidatorMethod(updateName = "reclassify")
  void validateReclassify(ReclassifyCommand command);

  /** Records one month's KPI value (a correction when the KPI and month were recorded before). */
  @UpdateMethod
  KpiActual recordKpiActual(KpiActualCommand command);

  @UpdateValidatorMethod(updateName = "recordKpiActual")
  void validateKpiActual(KpiActualCommand command);

  /** Records one month's run cost (a correction when the month was recorded before). */
  @UpdateMethod
  CostActual recordCostActual(CostActualCommand command);

  @UpdateValidatorMethod(updateName = "recordCostActual")
  void validateCostActual(CostActualCommand command);

  /** Asks the governance board for a time-limited exception to the data-readiness thresholds. */
  @UpdateMethod
  ReadinessException requestReadinessException(ReadinessExceptionCommand command);

  @UpdateValidatorMethod(updateName = "requestReadinessException")
  void validateReadinessException(ReadinessExceptionCommand command);

  @SignalMethod
  void withdraw(EndCommand command);

  @SignalMethod
  void retire(EndCommand command);

  @SignalMethod
  void productionEvent(ProductionEvent event);

  @SignalMethod
  void ticketEvent(TicketEvent event);

  @QueryMethod
  InitiativeView view();

  /**
   * Why {@code command} would be refused (the claim validator's message), or null if it would be
   * accepted now: the console asks before it offers a claim button. Changes nothing.
   */
  @QueryMethod
  String claimRefusal(ClaimCommand command);
}
