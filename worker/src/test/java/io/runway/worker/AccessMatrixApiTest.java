package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.worker.security.AccessMatrix;
import io.runway.worker.security.AccessMatrix.Access;
import io.runway.worker.security.AccessMatrix.Rule;
import io.runway.worker.security.AccessMatrix.TaskState;
import io.runway.worker.security.Groups;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The whole access matrix over real HTTP: every role x endpoint, and on task endpoints every task
 * state, generated from {@link AccessMatrix} and compared with what the API answers. Task rows use a
 * security review, so {@code security} is the candidate group and every other group is "another group".
 * A refused call must change nothing.
 */
class AccessMatrixApiTest extends ApiTestSupport {

  /** The subject group of the scenarios: the candidate group of the task, the reviewers of the gate. */
  static final String SUBJECT = Groups.SECURITY;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  static Stream<Arguments> endpointRows() {
    return AccessMatrix.RULES.stream().filter(r -> !r.perTask())
        .flatMap(rule -> Groups.ALL.stream().map(role -> Arguments.of(rule, role)));
  }

  static Stream<Arguments> taskRows() {
    return AccessMatrix.RULES.stream().filter(Rule::perTask)
        .flatMap(rule -> Groups.ALL.stream().flatMap(role -> Stream.of(TaskState.values()).map(s -> Arguments.of(rule, role, s))));
  }

  /** What the declaration says this role gets; 403 unless the role (or the subject rule) lets it through. */
  static int expected(Rule rule, String role, TaskState state) {
    Access access = rule.accessOf(role);
    boolean passes = access == Access.YES || (access == Access.SUBJECT && role.equals(SUBJECT));
    return passes ? rule.statusIn(state) : 403;
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("endpointRows")
  void everyRoleGetsWhatTheMatrixDeclaresAtEveryEndpoint(Rule rule, String role) {
    int expected = expected(rule, role, null);
    Fixture fixture = Fixture.of(this);
    Call call = fixture.callFor(rule, expected != 403);
    String before = call.observe.get();

    Api.Response response = api.send(user(role), rule.method.name(), call.path, bodyOf(call.body), call.body == null ? null : "application/json");

    assertThat(response.status()).as(role + " " + rule + " -> " + response.raw()).isEqualTo(expected);
    if (expected == 403) {
      assertProblem(response, 403);
      assertThat(call.observe.get()).as("a refused call changes nothing").isEqualTo(before);
    } else if (rule.method != HttpMethod.GET) {
      await("the effect of " + rule + " by " + role, call.observe, after -> !after.equals(before));
    }
  }

  @ParameterizedTest(name = "{1} {0} on a task {2}")
  @MethodSource("taskRows")
  void everyRoleGetsWhatTheMatrixDeclaresOnATaskInEveryState(Rule rule, String role, TaskState state) {
    int expected = expected(rule, role, state);
    Fixture fixture = Fixture.of(this);
    boolean changes = expected / 100 == 2 && rule.method.name().equals("POST");
    String taskId = fixture.task(state, changes);
    JsonNode before = fixture.taskView(taskId);
    Object body = rule == AccessMatrix.COMPLETE ? fixture.approval(before) : null;

    Api.Response response = api.send(user(role), rule.method.name(), rule.path.replace("{id}", taskId), bodyOf(body),
        body == null ? null : "application/json");

    assertThat(response.status()).as(role + " " + rule + " on a task " + state.label + " -> " + response.raw()).isEqualTo(expected);
    if (expected / 100 != 2) {
      assertProblem(response, expected);
      assertThat(fixture.taskView(taskId)).as("a refused call changes nothing").isEqualTo(before);
    }
  }

  @Test
  void everyApiEndpointIsDeclaredInTheMatrix() {
    Set<String> declared = Stream.concat(
            AccessMatrix.RULES.stream().map(r -> r.method + " " + r.path),
            AccessMatrix.PUBLIC.stream().filter(p -> p.method() != null).map(p -> p.method() + " " + p.path()))
        .collect(Collectors.toSet());
    List<String> undeclared = new ArrayList<>();
    mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
        .filter(p -> p.startsWith("/api/"))
        // a variable's regex (the webhook intake's {source} leaves out "deliveries") is not part of the template
        .map(io.runway.worker.web.Routes::withoutRegexes)
        .forEach(path -> info.getMethodsCondition().getMethods().forEach(m -> {
          if (!declared.contains(m.name() + " " + path)) {
            undeclared.add(m.name() + " " + path);
          }
        })));
    assertThat(undeclared).as("API endpoints missing from AccessMatrix.RULES (declare who may call them)").isEmpty();
  }

  static String user(String role) {
    return role + "-1";
  }

  private static BodyPublisher bodyOf(Object body) {
    return body == null ? BodyPublishers.noBody()
        : BodyPublishers.ofString(Api.JSON.writeValueAsString(body));
  }

  /** A request for one rule: where it goes, what it sends, and a view of what it could change. */
  record Call(String path, Object body, Supplier<String> observe) {}

  /**
   * The initiatives, tasks and records the rows act on: shared where a call changes nothing, fresh
   * where a permitted call changes what it acts on (a claim, a completion, a withdrawal).
   */
  static final class Fixture {
    private static Fixture shared;

    private final ApiTestSupport test;
    private final Lifecycles gatePhase;
    private final String gatePhaseKey;
    private String production;
    private String importJob;
    private String owned;
    private final Map<TaskState, String> sharedTasks = new LinkedHashMap<>();

    private Fixture(ApiTestSupport test) {
      this.test = test;
      this.gatePhaseKey = uniqueKey("matrix");
      this.gatePhase = new Lifecycles(test, gatePhaseKey);
      test.launch(gatePhaseKey, "HIGH");
      test.openTask(gatePhaseKey, "SECURITY_REVIEW");
      await("the CRM record of " + gatePhaseKey,
          () -> test.api.get("auditor-1", "/api/v1/crm/records/" + gatePhaseKey).status(), s -> s == 200);
      Api.Response model = test.api.put("engineering-1", "/api/v1/models/matrix-model/versions/1", Map.of("metrics", Map.of("auc", 0.9)));
      assertThat(model.status()).as(model.raw()).isEqualTo(200);
    }

    static synchronized Fixture of(ApiTestSupport test) {
      if (shared == null) {
        shared = new Fixture(test);
      }
      return shared;
    }

    Call callFor(Rule rule, boolean permitted) {
      String key = gatePhaseKey;
      Supplier<String> initiative = () -> test.api.get("auditor-1", "/api/v1/initiatives/" + key).raw();
      if (rule == AccessMatrix.LAUNCH) {
        String fresh = uniqueKey("matrix-launch");
        return new Call("/api/v1/initiatives", completeLaunch(fresh, "MINIMAL"),
            () -> Integer.toString(test.api.get("auditor-1", "/api/v1/initiatives/" + fresh).status()));
      }
      if (rule == AccessMatrix.ATTACH_EVIDENCE) {
        return new Call(rule.path.replace("{key}", key), Map.of("gate", "SECURITY_REVIEW", "kind", "threat-model",
            "title", "STRIDE", "uri", "https://docs.example.org/stride"), () -> evidenceOf(key));
      }
      if (rule == AccessMatrix.RECLASSIFY || rule == AccessMatrix.WITHDRAW) {
        String target = permitted ? launchedFresh() : key;
        Object body = rule == AccessMatrix.RECLASSIFY ? Map.of("riskTier", "LIMITED", "reason", "no personal data after all")
            : Map.of("reason", "no longer needed");
        return new Call(rule.path.replace("{key}", target), body, initiativeState(target));
      }
      if (rule == AccessMatrix.RETIRE || rule == AccessMatrix.PRODUCTION_EVENT) {
        String target = rule == AccessMatrix.RETIRE && permitted ? inProduction() : sharedProduction();
        Object body = rule == AccessMatrix.RETIRE ? Map.of("reason", "replaced")
            : Map.of("type", "INCIDENT", "detail", "p1 outage", "eventId", uniqueKey("event"));
        return new Call(rule.path.replace("{key}", target), body, initiativeState(target));
      }
      if (rule == AccessMatrix.RESOLVE_TICKET) {
        String target = permitted ? launchedFresh() : key;
        String ticket = new Lifecycles(test, target).ticketOf("SECURITY_REVIEW");
        return new Call(rule.path.replace("{id}", ticket), Map.of(),
            () -> test.api.get("auditor-1", "/api/v1/tickets/" + ticket).json().path("status").asString());
      }
      if (rule == AccessMatrix.REGISTER_MODEL) {
        return new Call(rule.path.replace("{name}", "matrix-model").replace("{version}", "2"),
            Map.of("metrics", Map.of(uniqueKey("run"), 0.91)), () -> test.api.get("auditor-1", "/api/v1/models/matrix-model").raw());
      }
      if (rule == AccessMatrix.IMPORT) {
        String fresh = uniqueKey("matrix-import");
        return new Call(rule.path, List.of(completeLaunch(fresh, "MINIMAL")),
            () -> Integer.toString(test.api.get("auditor-1", "/api/v1/initiatives/" + fresh).status()));
      }
      if (rule == AccessMatrix.KPI_ACTUALS || rule == AccessMatrix.COST_ACTUALS) {
        String target = ownedBySubject();
        String period = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        double figure = Math.abs(uniqueKey("n").hashCode() % 1000);
        Object body = rule == AccessMatrix.KPI_ACTUALS ? Map.of("kpi", "cycle time", "period", period, "value", figure)
            : Map.of("period", period, "amount", figure, "currency", "EUR");
        return new Call(rule.path.replace("{key}", target), body,
            () -> test.api.get("auditor-1", "/api/v1/initiatives/" + target + "/value").raw());
      }
      if (rule == AccessMatrix.READINESS_EXCEPTION) {
        String target = permitted ? atDataReadiness() : key;
        return new Call(rule.path.replace("{key}", target), Map.of("justification", "fix lands next sprint", "expiresOn",
            java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(10).toString()),
            () -> test.api.get("auditor-1", "/api/v1/initiatives/" + target + "/value").raw());
      }
      if (rule == AccessMatrix.IMPORT_PROGRESS) {
        return new Call(rule.path.replace("{id}", importJob()), null, initiative);
      }
      String path = rule.path.replace("{key}", key).replace("{externalId}", key).replace("{name}", "matrix-model")
          .replace("{id}", rule.path.contains("tickets") ? gatePhase.ticketOf("SECURITY_REVIEW") : "");
      return new Call(path, null, initiative);
    }

    /** An import started by program-office-1, so other roles reach it only through the matrix. */
    private synchronized String importJob() {
      if (importJob == null) {
        Api.Response started = test.api.post("program-office-1", AccessMatrix.IMPORT.path,
            List.of(completeLaunch(uniqueKey("matrix-imported"), "MINIMAL")));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        importJob = started.json().path("id").asString();
      }
      return importJob;
    }

    /** An initiative whose technical owner is a member of the subject group, who may record its figures as an owner. */
    private synchronized String ownedBySubject() {
      if (owned == null) {
        owned = uniqueKey("matrix-owned");
        Map<String, Object> body = completeLaunch(owned, "MINIMAL");
        body.put("owners", Map.of("business", "bea.owner", "technical", user(SUBJECT), "operations", "oli.owner"));
        Api.Response launched = test.api.post(PROGRAM_OFFICE, "/api/v1/initiatives", body);
        assertThat(launched.status()).as(launched.raw()).isEqualTo(201);
        test.openTask(owned, "SECURITY_REVIEW");
      }
      return owned;
    }

    /** A fresh initiative whose data-readiness review is open, so an exception may be asked for. */
    private String atDataReadiness() {
      String key = launchedFresh();
      JsonNode security = test.openTask(key, "SECURITY_REVIEW");
      ok(test.api.post("security-2", "/api/v1/tasks/" + security.path("id").asString() + "/complete", approval(security)));
      test.openTask(key, "DATA_READINESS");
      return key;
    }

    private String launchedFresh() {
      String key = uniqueKey("matrix-fresh");
      test.launch(key, "MINIMAL");
      test.openTask(key, "SECURITY_REVIEW");
      return key;
    }

    private String inProduction() {
      String key = uniqueKey("matrix-live");
      new Lifecycles(test, key).toProduction();
      return key;
    }

    private synchronized String sharedProduction() {
      if (production == null) {
        production = inProduction();
      }
      return production;
    }

    private Supplier<String> initiativeState(String key) {
      return () -> {
        JsonNode view = test.api.get("auditor-1", "/api/v1/initiatives/" + key).json();
        return view.path("stage").asString() + " " + view.path("riskTier").asString() + " "
            + Lifecycles.count(view, "PRODUCTION_EVENT");
      };
    }

    private String evidenceOf(String key) {
      return test.api.get("auditor-1", "/api/v1/initiatives/" + key).json().path("evidence").toString();
    }

    /** A security review in {@code state}; a fresh one when the call will change it. */
    String task(TaskState state, boolean fresh) {
      if (!fresh && sharedTasks.containsKey(state)) {
        return sharedTasks.get(state);
      }
      String key = launchedFresh();
      JsonNode task = test.openTask(key, "SECURITY_REVIEW");
      String id = task.path("id").asString();
      switch (state) {
        case OPEN -> {}
        case CLAIMED_BY_CALLER -> ok(test.api.post(user(SUBJECT), "/api/v1/tasks/" + id + "/claim", Map.of()));
        case CLAIMED_BY_ANOTHER -> ok(test.api.post("security-2", "/api/v1/tasks/" + id + "/claim", Map.of()));
        case COMPLETED -> ok(test.api.post("security-2", "/api/v1/tasks/" + id + "/complete", approval(task)));
      }
      if (!fresh) {
        sharedTasks.put(state, id);
      }
      return id;
    }

    JsonNode taskView(String id) {
      return test.api.get("auditor-1", "/api/v1/tasks/" + id).json();
    }

    Map<String, Object> approval(JsonNode task) {
      List<Map<String, String>> evidence = new ArrayList<>();
      task.path("requiredEvidence").forEach(kind -> evidence.add(
          Map.of("kind", kind.asString(), "title", kind.asString(), "uri", "https://docs.example.org/" + kind.asString())));
      return Map.of("decision", "APPROVE", "comment", "meets the bar", "evidence", evidence);
    }

    private static void ok(Api.Response response) {
      assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }
  }
}
