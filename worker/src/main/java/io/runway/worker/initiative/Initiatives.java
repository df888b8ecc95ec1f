package io.runway.worker.initiative;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.worker.initiative.CommandBodies.EventBody;
import io.runway.worker.initiative.CommandBodies.EvidenceBody;
import io.runway.worker.initiative.CommandBodies.ReasonBody;
import io.runway.worker.initiative.CommandBodies.ReclassifyBody;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.ApiProblem.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Initiatives for in-process callers (the web console): the same bean validation as the REST API's
 * request bodies, the same commands, and which commands a person's groups allow at a given stage.
 */
@Service
public class Initiatives {

  /** What a person may do to an initiative from the console. */
  public enum Action { WITHDRAW, RECLASSIFY, PRODUCTION_EVENT, RETIRE }

  private final LaunchService launches;
  private final InitiativeReadModel readModel;
  private final InitiativeCommands commands;
  private final Validator validator;
  private final OwnerLinks ownerLinks;

  Initiatives(LaunchService launches, InitiativeReadModel readModel, InitiativeCommands commands, Validator validator,
      OwnerLinks ownerLinks) {
    this.launches = launches;
    this.readModel = readModel;
    this.commands = commands;
    this.validator = validator;
    this.ownerLinks = ownerLinks;
  }

  /** Which owners are Runway users (by user name or e-mail), as GET /api/v1/initiatives/{key} lists them. */
  public List<OwnerLink> ownerLinks(Owners owners) {
    return ownerLinks.of(owners);
  }

  /** The whole initiative, task content included: for code acting on a task its caller may read. */
  public Optional<InitiativeDetail> find(String key) {
    return readModel.find(key);
  }

  /** The initiative as {@code reader} may see it: GET /api/v1/initiatives/{key} and the console's page ({@link ReaderView}). */
  public Optional<InitiativeDetail> find(String key, Actor reader) {
    return readModel.find(key).map(detail -> ReaderView.of(detail, reader));
  }

  /** The names people know these initiatives by, keyed by initiative key; a key the read model lacks is left out. */
  public Map<String, String> names(Collection<String> keys) {
    return readModel.names(keys);
  }

  /** Validates like POST /api/v1/initiatives (422 with one problem per field), then launches. */
  public LaunchResponse launch(InitiativeRequest request, Actor actor) {
    LaunchBody body = body(request);
    validate(body);
    return launches.launch(body.toRequest(), actor);
  }

  /** What POST /api/v1/initiatives would refuse in this request, field by field; empty when valid. */
  public List<FieldProblem> launchProblems(InitiativeRequest request) {
    return problems(body(request));
  }

  private static LaunchBody body(InitiativeRequest request) {
    return new LaunchBody(request.key(), request.name(), request.purpose(), request.businessUnit(),
        request.riskTier(), request.owners(), request.sponsor(), request.dataClasses(), request.kpis(), request.budget(),
        request.modelName(), request.modelVersion());
  }

  public void withdraw(String key, String reason, Actor actor) {
    validate(new ReasonBody(reason));
    commands.withdraw(key, reason, actor);
  }

  public void retire(String key, String reason, Actor actor) {
    validate(new ReasonBody(reason));
    commands.retire(key, reason, actor);
  }

  public void reclassify(String key, RiskTier tier, String reason, Actor actor) {
    ReclassifyBody body = new ReclassifyBody(tier, reason);
    validate(body);
    commands.reclassify(key, body, actor);
  }

  public String productionEvent(String key, ProductionEventType type, String detail, String modelVersion, Actor actor) {
    EventBody body = new EventBody(type, detail, blankToNull(modelVersion), null);
    validate(body);
    return commands.productionEvent(key, body, actor);
  }

  public void attachEvidence(String key, Gate gate, String kind, String title, String uri, String sha256, Actor actor) {
    EvidenceBody body = new EvidenceBody(gate, kind, title, uri, blankToNull(sha256));
    validate(body);
    commands.attachEvidence(key, body, actor);
  }

  /** The actions the access matrix allows the actor at this stage; the commands check the same rules again. */
  public Set<Action> allowedActions(Actor actor, Stage stage) {
    Set<Action> allowed = EnumSet.noneOf(Action.class);
    if (stage.isTerminal()) {
      return allowed;
    }
    if (allows(AccessMatrix.WITHDRAW, actor)) {
      allowed.add(Action.WITHDRAW);
    }
    if (allows(AccessMatrix.RECLASSIFY, actor)) {
      allowed.add(Action.RECLASSIFY);
    }
    if (stage == Stage.IN_PRODUCTION && allows(AccessMatrix.PRODUCTION_EVENT, actor)) {
      allowed.add(Action.PRODUCTION_EVENT);
    }
    if (stage == Stage.IN_PRODUCTION && allows(AccessMatrix.RETIRE, actor)) {
      allowed.add(Action.RETIRE);
    }
    return allowed;
  }

  private static boolean allows(AccessMatrix.Rule rule, Actor actor) {
    return rule.refusal(actor).isEmpty();
  }

  private void validate(Object body) {
    List<FieldProblem> problems = problems(body);
    if (problems.isEmpty()) {
      return;
    }
    String detail = "Invalid values: "
        + String.join("; ", problems.stream().map(p -> p.field() + " " + p.message()).toList());
    throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, detail, problems);
  }

  private List<FieldProblem> problems(Object body) {
    Set<ConstraintViolation<Object>> violations = validator.validate(body);
    return violations.stream()
        .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
        .sorted(Comparator.comparing(FieldProblem::field))
        .toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
