package io.runway.worker.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.runway.lifecycle.model.Actor;
import io.runway.worker.web.ApiProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: the one declaration that the API's security chain enforces, the services check,
 * the matrix tests walk and the README prints. Object-level rules (the task's candidate group, owners,
 * requester, resubmitter) are re-checked by the workflow's update validators, which a caller going
 * straight to Temporal cannot skip.
 */
public final class AccessMatrix {

  /** What a role gets at an endpoint. */
  public enum Access {
    /** Allowed for every member of the role. */
    YES,
    /** Allowed only for members of the subject's group: the task's candidate group, or the gate's reviewers. */
    SUBJECT,
    NO
  }

  /** The task states that change the answer on task endpoints. */
  public enum TaskState {
    OPEN("open, unclaimed"),
    CLAIMED_BY_CALLER("claimed by the caller"),
    CLAIMED_BY_ANOTHER("claimed by another member"),
    COMPLETED("completed");

    public final String label;

    TaskState(String label) {
      this.label = label;
    }
  }

  static final String READ_ONLY = "auditors are read-only everywhere";
  static final String ADMIN_NO_REVIEWS = "admins manage Runway and never decide reviews";

  public static final Rule LAUNCH = write(POST, "/api/v1/initiatives", 201, "launch an initiative")
      .allow(Groups.PROGRAM_OFFICE).note("idempotent by key").build();
  public static final Rule LIST_INITIATIVES = read("/api/v1/initiatives", "list initiatives").build();
  public static final Rule GET_INITIATIVE = read("/api/v1/initiatives/{key}", "read an initiative").build();
  public static final Rule ATTACH_EVIDENCE = write(POST, "/api/v1/initiatives/{key}/evidence", 200, "attach evidence")
      .allow(Groups.PROGRAM_OFFICE).subject("the named gate's reviewers; the initiative's owners by name").build();
  public static final Rule RECLASSIFY = write(POST, "/api/v1/initiatives/{key}/reclassify", 200, "reclassify an initiative")
      .allow(Groups.PROGRAM_OFFICE, Groups.GOVERNANCE_BOARD).build();
  public static final Rule WITHDRAW = write(POST, "/api/v1/initiatives/{key}/withdraw", 202, "withdraw an initiative")
      .allow(Groups.PROGRAM_OFFICE).note("409 once ended").build();
  public static final Rule RETIRE = write(POST, "/api/v1/initiatives/{key}/retire", 202, "retire an initiative")
      .allow(Groups.PROGRAM_OFFICE, Groups.OPERATIONS).note("409 unless in production").build();
  public static final Rule PRODUCTION_EVENT = write(POST, "/api/v1/initiatives/{key}/events", 202, "report production events")
      .allow(Groups.OPERATIONS, Groups.ENGINEERING, Groups.PROGRAM_OFFICE).note("409 unless in production").build();
  public static final Rule INBOX = read("/api/v1/tasks", "list tasks")
      .note("own groups' tasks; auditor and admin see all").build();
  public static final Rule GET_TASK = read("/api/v1/tasks/{id}", "read a task")
      .only(Groups.AUDITOR, Groups.ADMIN).subject("the task's candidate group").perTask(200, 200, 200, 200).build();
  public static final Rule CLAIM = write(POST, "/api/v1/tasks/{id}/claim", 200, "claim a task")
      .subject("the task's candidate group (owners too, on findings tasks)").deny(Groups.ADMIN, ADMIN_NO_REVIEWS)
      .perTask(200, 200, 409, 409).build();
  public static final Rule UNCLAIM = write(POST, "/api/v1/tasks/{id}/unclaim", 200, "unclaim a task")
      .subject("the task's candidate group, only the holder of the claim").deny(Groups.ADMIN, ADMIN_NO_REVIEWS)
      .perTask(409, 200, 409, 409).build();
  public static final Rule COMPLETE = write(POST, "/api/v1/tasks/{id}/complete", 200, "complete a task")
      .subject("the task's candidate group (owners too, on findings tasks); never an owner, the requester or "
          + "the resubmitter on a review")
      .deny(Groups.ADMIN, ADMIN_NO_REVIEWS).perTask(200, 200, 409, 409).build();
  public static final Rule LIST_TICKETS = read("/api/v1/tickets", "list local tickets").build();
  public static final Rule GET_TICKET = read("/api/v1/tickets/{id}", "read a local ticket").build();
  public static final Rule RESOLVE_TICKET = write(POST, "/api/v1/tickets/{id}/resolve", 202, "resolve tickets")
      .allow(Groups.ENGINEERING).build();
  public static final Rule GET_CRM_RECORD = read("/api/v1/crm/records/{externalId}", "read a local CRM record").build();
  public static final Rule REGISTER_MODEL = write(PUT, "/api/v1/models/{name}/versions/{version}", 200,
      "register model versions").allow(Groups.DATA_ENGINEERING, Groups.ENGINEERING).build();
  public static final Rule GET_MODEL = read("/api/v1/models/{name}", "read a local model").build();
  public static final Rule NOTIFICATIONS = read("/api/v1/notifications", "read the notification outbox").build();
  public static final Rule WEBHOOK_DELIVERIES = read("/api/v1/webhooks/deliveries", "see webhook deliveries")
      .only(Groups.ADMIN, Groups.AUDITOR).build();
  public static final Rule IMPORT = write(POST, "/api/v1/initiatives/import", 202, "import initiatives")
      .allow(Groups.PROGRAM_OFFICE).note("each row is a launch: same rules, idempotent by key").build();
  public static final Rule IMPORT_PROGRESS = read("/api/v1/imports/{id}", "follow an import")
      .only(Groups.PROGRAM_OFFICE, Groups.AUDITOR, Groups.ADMIN).note("imports are started by the program office")
      .build();
  public static final Rule IMPORT_TEMPLATE = read("/api/v1/initiatives/import/template", "download the import template")
      .build();
  public static final Rule FUNNEL = read("/api/v1/portfolio/funnel", "read the portfolio funnel").build();
  public static final Rule TIME_IN_GATE = read("/api/v1/portfolio/time-in-gate", "read time in gate").build();
  public static final Rule STALLS = read("/api/v1/portfolio/stalls", "read the stall radar").build();
  public static final Rule BUSINESS_UNITS = read("/api/v1/portfolio/business-units", "list business units").build();
  public static final Rule KPI_ACTUALS = write(POST, "/api/v1/initiatives/{key}/kpi-actuals", 201, "record KPI actuals")
      .allow(Groups.PROGRAM_OFFICE, Groups.VALUE_FEED).subject("the initiative's owners by name")
      .note("the same KPI and month again corrects it; 409 once ended").build();
  public static final Rule COST_ACTUALS = write(POST, "/api/v1/initiatives/{key}/cost-actuals", 201, "record run costs")
      .allow(Groups.PROGRAM_OFFICE, Groups.VALUE_FEED).subject("the initiative's owners by name")
      .note("in the budget's currency; 409 once ended").build();
  public static final Rule VALUE = read("/api/v1/initiatives/{key}/value", "read an initiative's value")
      .allow(Groups.VALUE_FEED).build();
  public static final Rule READINESS_EXCEPTION = write(POST, "/api/v1/initiatives/{key}/readiness-exceptions", 201,
      "ask for a data-readiness exception").allow(Groups.PROGRAM_OFFICE, Groups.DATA_ENGINEERING)
      .note("a governance-board member other than the requester decides it in a task").build();
  public static final Rule PORTFOLIO_VALUE = read("/api/v1/portfolio/value", "read the portfolio's value").build();
  public static final Rule AUDIT_EXPORT = read("/api/v1/audit", "read the audit trail")
      .only(Groups.ADMIN, Groups.AUDITOR).build();
  public static final Rule AUDIT_VERIFY = read("/api/v1/audit/verify", "verify the audit trail")
      .only(Groups.ADMIN, Groups.AUDITOR).build();

  /** In declaration order: the README's row order. */
  public static final List<Rule> RULES = List.of(LAUNCH, LIST_INITIATIVES, GET_INITIATIVE, ATTACH_EVIDENCE, RECLASSIFY,
      WITHDRAW, RETIRE, PRODUCTION_EVENT, INBOX, GET_TASK, CLAIM, UNCLAIM, COMPLETE, LIST_TICKETS, GET_TICKET,
      RESOLVE_TICKET, GET_CRM_RECORD, REGISTER_MODEL, GET_MODEL, NOTIFICATIONS, WEBHOOK_DELIVERIES, IMPORT,
      IMPORT_PROGRESS, IMPORT_TEMPLATE, FUNNEL, TIME_IN_GATE, STALLS, BUSINESS_UNITS, KPI_ACTUALS, COST_ACTUALS, VALUE,
      READINESS_EXCEPTION, PORTFOLIO_VALUE, AUDIT_EXPORT, AUDIT_VERIFY);

  /** Reachable without a user; each says how it is protected instead. */
  public record PublicPath(HttpMethod method, String path, String why) {}

  /** Where actuator answers: the external profile keeps it off the port that serves the API. */
  private static final String ACTUATOR_PORT = "Embedded profile: on the app's port; external profile: only on the "
      + "management port (`RUNWAY_MANAGEMENT_PORT`, default 8081), which the deployment does not publish";

  public static final List<PublicPath> PUBLIC = List.of(
      new PublicPath(POST, "/api/v1/webhooks/{source}", "the sender signs the body (HMAC), checked by the intake"),
      new PublicPath(GET, "/actuator/health/**", "liveness and readiness probes; details only for users. "
          + ACTUATOR_PORT),
      new PublicPath(GET, "/actuator/prometheus", "counts only, no initiative data. " + ACTUATOR_PORT),
      new PublicPath(GET, "/v3/api-docs/**", "the OpenAPI document"),
      new PublicPath(null, "/error", "the error page of a request already refused"));

  private AccessMatrix() {}

  /** The declared rule for a request, if any; the security chain lets undeclared paths through to a 404. */
  public static Optional<Rule> ruleFor(String method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    return RULES.stream().filter(r -> r.method.matches(method) && r.pattern.matches(container)).findFirst();
  }

  static Builder read(String path, String what) {
    return new Builder(GET, path, 200, what).allowAll();
  }

  static Builder write(HttpMethod method, String path, int okStatus, String what) {
    return new Builder(method, path, okStatus, what).deny(Groups.AUDITOR, READ_ONLY);
  }

  /**
   * One endpoint: what each role gets, why a role is refused, and on task endpoints the status a
   * permitted caller gets in each task state (in {@link TaskState} order).
   */
  public static final class Rule {
    public final HttpMethod method;
    public final String path;
    public final int okStatus;
    public final String what;
    public final String subject;
    public final String note;
    private final PathPattern pattern;
    private final Map<String, Access> access;
    private final Map<String, String> vetoes;
    private final Map<TaskState, Integer> byTaskState;

    private Rule(Builder b) {
      this.method = b.method;
      this.path = b.path;
      this.okStatus = b.okStatus;
      this.what = b.what;
      this.subject = b.subject;
      this.note = b.note;
      this.pattern = PathPatternParser.defaultInstance.parse(b.path);
      this.access = Map.copyOf(b.access);
      this.vetoes = Map.copyOf(b.vetoes);
      this.byTaskState = b.byTaskState;
    }

    public Access accessOf(String role) {
      return access.getOrDefault(role, subject != null ? Access.SUBJECT : Access.NO);
    }

    public boolean perTask() {
      return byTaskState != null;
    }

    /** The status a caller who passes the role checks gets in {@code state}. */
    public int statusIn(TaskState state) {
      return byTaskState == null ? okStatus : byTaskState.get(state);
    }

    /**
     * Why {@code actor} may not call this endpoint at all, or empty when some group of theirs lets
     * them reach the object-level checks. A veto (auditor on writes, admin on task decisions) wins
     * over every other group the actor is in.
     */
    public Optional<String> refusal(Actor actor) {
      for (Map.Entry<String, String> veto : vetoes.entrySet()) {
        if (actor.isMemberOf(veto.getKey())) {
          return Optional.of(actor.username() + " may not " + what + ": " + veto.getValue() + ".");
        }
      }
      if (actor.groups().stream().anyMatch(g -> Groups.ALL.contains(g) && accessOf(g) != Access.NO)) {
        return Optional.empty();
      }
      return Optional.of("Only " + whoMay() + " may " + what + "; " + actor.username() + " is in "
          + (actor.groups().isEmpty() ? "no Runway group" : actor.groups().toString()) + ".");
    }

    /** Refuses {@code actor} with 403 and the matrix's reason: the services' check, for every caller of them. */
    public void require(Actor actor) {
      refusal(actor).ifPresent(reason -> {
        throw ApiProblem.forbidden(reason);
      });
    }

    /** The reason a role is refused here, for the README and the tests; empty if it is not. */
    public Optional<String> reasonRefused(String role) {
      if (vetoes.containsKey(role)) {
        return Optional.of(vetoes.get(role));
      }
      return accessOf(role) == Access.NO ? Optional.of("only " + whoMay() + " may " + what) : Optional.empty();
    }

    String whoMay() {
      List<String> who = new ArrayList<>(Groups.ALL.stream().filter(g -> accessOf(g) == Access.YES).toList());
      if (subject != null) {
        who.add(subject);
      }
      return String.join(", ", who);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static final class Builder {
    private final HttpMethod method;
    private final String path;
    private final int okStatus;
    private final String what;
    private final Map<String, Access> access = new LinkedHashMap<>();
    private final Map<String, String> vetoes = new LinkedHashMap<>();
    private String subject;
    private String note;
    private Map<TaskState, Integer> byTaskState;

    private Builder(HttpMethod method, String path, int okStatus, String what) {
      this.method = method;
      this.path = path;
      this.okStatus = okStatus;
      this.what = what;
    }

    /** Every group of people; a service role gets only what its rules name. */
    Builder allowAll() {
      Groups.PEOPLE.forEach(g -> access.put(g, Access.YES));
      Groups.ALL.stream().filter(g -> !Groups.PEOPLE.contains(g)).forEach(g -> access.put(g, Access.NO));
      return this;
    }

    Builder allow(String... roles) {
      for (String role : roles) {
        access.put(role, Access.YES);
      }
      return this;
    }

    /** Only these roles by role; everyone else by the subject rule, if there is one. */
    Builder only(String... roles) {
      access.clear();
      return allow(roles);
    }

    Builder subject(String description) {
      this.subject = description;
      return this;
    }

    Builder deny(String role, String reason) {
      access.put(role, Access.NO);
      vetoes.put(role, reason);
      return this;
    }

    Builder note(String note) {
      this.note = note;
      return this;
    }

    Builder perTask(int open, int claimedByCaller, int claimedByAnother, int completed) {
      byTaskState = Map.of(TaskState.OPEN, open, TaskState.CLAIMED_BY_CALLER, claimedByCaller,
          TaskState.CLAIMED_BY_ANOTHER, claimedByAnother, TaskState.COMPLETED, completed);
      return this;
    }

    Rule build() {
      return new Rule(this);
    }
  }
}
