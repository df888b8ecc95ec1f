package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.Refusal;
import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.EvidenceInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Segregation of duties over the API, and the object-level rules again for a caller who skips the API
 * and sends the workflow update straight to Temporal with a forged user: the validator refuses it.
 */
class SegregationOfDutiesTest extends ApiTestSupport {

  /** security-2 is named an owner of the initiatives launched here. */
  private static final String OWNER = "security-2";

  @Autowired WorkflowClient temporal;

  private String launchOwnedBy(String technicalOwner) {
    String key = uniqueKey("sod");
    Map<String, Object> body = new java.util.LinkedHashMap<>(completeLaunch(key, "HIGH"));
    body.put("owners", Map.of("business", "bea.owner", "technical", technicalOwner, "operations", "oli.owner"));
    Api.Response launched = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", body);
    assertThat(launched.status()).as(launched.raw()).isEqualTo(201);
    return key;
  }

  private InitiativeWorkflow workflow(String key) {
    return temporal.newWorkflowStub(InitiativeWorkflow.class, Lifecycle.workflowId(key));
  }

  private static List<EvidenceInput> evidenceFor(JsonNode task) {
    List<EvidenceInput> evidence = new ArrayList<>();
    task.path("requiredEvidence").forEach(k -> evidence.add(new EvidenceInput(k.asString(), k.asString(), "https://docs.example.org/x", null)));
    return evidence;
  }

  private static CompleteCommand approval(JsonNode task, Actor actor) {
    return new CompleteCommand(task.path("id").asString(), actor, Decision.APPROVE, "ok", evidenceFor(task), null, null);
  }

  @Test
  void anOwnerMayNotApproveTheirOwnInitiativeButAnotherMemberMay() {
    String key = launchOwnedBy(OWNER);
    JsonNode task = openTask(key, "SECURITY_REVIEW");
    LifecycleSteps steps = new LifecycleSteps(api);

    Api.Response byOwner = steps.complete(OWNER, task, "APPROVE", "mine is fine", true);

    assertProblem(byOwner, 403);
    assertThat(byOwner.detail()).contains(OWNER + " is an owner of " + key);
    steps.approveAs("security-1", task);
  }

  /** F2: owners escaped separation of duties by spelling their names with capitals or spaces. */
  @Test
  void ownersSpeltWithCapitalsOrSpacesAreStillTheOwners() {
    String key = uniqueKey("sod-spelling");
    Map<String, Object> body = new java.util.LinkedHashMap<>(completeLaunch(key, "LIMITED"));
    body.put("owners", Map.of("business", "Security-1", "technical", " legal-1 ", "operations", "oli.owner"));
    assertThat(api.post(PROGRAM_OFFICE, "/api/v1/initiatives", body).status()).isEqualTo(201);
    JsonNode security = openTask(key, "SECURITY_REVIEW");
    JsonNode legal = openTask(key, "LEGAL_REVIEW");
    LifecycleSteps steps = new LifecycleSteps(api);

    Api.Response bySecurityOwner = steps.complete("security-1", security, "APPROVE", "mine is fine", true);
    Api.Response byLegalOwner = api.post("legal-1", "/api/v1/tasks/" + legal.path("id").asString() + "/claim", "");

    assertProblem(bySecurityOwner, 403);
    assertThat(bySecurityOwner.detail()).contains("security-1 is an owner of " + key);
    assertProblem(byLegalOwner, 403);
    assertThat(byLegalOwner.detail()).contains("legal-1 is an owner of " + key);
    assertThat(api.get("auditor-1", "/api/v1/initiatives?owner=LEGAL-1%20").json().toString()).contains(key);
    steps.approveAs("security-2", security);
  }

  @Test
  void oneGroupMayNotCompleteAnotherGroupsTask() {
    String key = launchOwnedBy("tim.owner");
    JsonNode task = openTask(key, "LEGAL_REVIEW");

    Api.Response bySecurity = new LifecycleSteps(api).complete("security-1", task, "APPROVE", "looks legal", true);

    assertProblem(bySecurity, 403);
    assertThat(bySecurity.detail()).contains("belongs to group 'legal'");
  }

  static Stream<Arguments> forgedActors() {
    return Stream.of(
        Arguments.of(new Actor("legal-1", Set.of("legal")), "is not in group security"),
        Arguments.of(new Actor("auditor-1", Set.of("auditor", "security")), "read-only everywhere"),
        Arguments.of(new Actor("admin-1", Set.of("admin", "security")), "never decide reviews"),
        Arguments.of(new Actor(OWNER, Set.of("security")), "is an owner of"),
        Arguments.of(new Actor(PROGRAM_OFFICE, Set.of("program-office", "security")), "launched"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgedActors")
  void aDirectTemporalUpdateWithAForgedUserIsRefusedByTheValidator(Actor forged, String reason) {
    String key = launchOwnedBy(OWNER);
    JsonNode task = openTask(key, "SECURITY_REVIEW");
    InitiativeWorkflow workflow = workflow(key);

    for (Runnable call : List.<Runnable>of(
        () -> workflow.claim(new ClaimCommand(task.path("id").asString(), forged, false)),
        () -> workflow.complete(approval(task, forged)))) {
      assertThatThrownBy(call::run)
          .isInstanceOf(WorkflowUpdateException.class)
          .cause().isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(Refusal.FORBIDDEN);
            assertThat(f.getOriginalMessage()).contains(reason);
          });
    }
    assertThat(workflow.view().tasks()).filteredOn(t -> t.id().equals(task.path("id").asString()))
        .singleElement().satisfies(t -> {
          assertThat(t.assignee()).isNull();
          assertThat(t.approvals()).isEmpty();
        });
    assertThat(workflow.complete(approval(task, new Actor("security-1", Set.of("security")))).approvals())
        .as("the same update from a member who may decide is accepted").containsExactly("security-1");
  }

  @Test
  void theReviewerWhoRequestedChangesApprovesTheResubmissionButTheResubmitterMayNot() {
    String key = launchOwnedBy("tim.owner");
    LifecycleSteps steps = new LifecycleSteps(api);
    JsonNode round1 = openTask(key, "SECURITY_REVIEW");
    assertThat(steps.complete("security-1", round1, "REQUEST_CHANGES", "add rate limiting", false).status()).isEqualTo(200);
    JsonNode findings = await("findings task", () -> findings(key), f -> f != null);
    Actor resubmitter = new Actor("program-office-2", Set.of("program-office", "security"));
    workflow(key).complete(new CompleteCommand(findings.path("id").asString(), resubmitter, Decision.SUBMIT, "rate limited",
        null, null, null));
    JsonNode round2 = await("round 2", () -> openTask(key, "SECURITY_REVIEW"), t -> t.path("round").asInt() == 2);

    assertThatThrownBy(() -> workflow(key).complete(approval(round2, resubmitter)))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class,
            f -> assertThat(f.getOriginalMessage()).contains("program-office-2 resubmitted SECURITY_REVIEW"));
    steps.approveAs("security-1", round2);
  }

  private JsonNode findings(String key) {
    for (JsonNode task : api.get("auditor-1", "/api/v1/initiatives/" + key).json().path("tasks")) {
      if ("ADDRESS_FINDINGS".equals(task.path("kind").asString()) && "OPEN".equals(task.path("status").asString())) {
        return task;
      }
    }
    return null;
  }
}
