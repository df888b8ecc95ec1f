package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint that takes input, fed what a careless or hostile caller sends: malformed JSON, wrong
 * types, unknown enum values, missing and unknown fields, a 1 MB string, injection strings and hostile
 * Unicode. Each answer is a 4xx problem+json whose detail says what to fix, never a 500 or a stack
 * trace, and nothing changes: the initiative the commands aim at and the initiative count stay as
 * they were, and no refused launch exists.
 */
class BadInputSweepTest extends ApiTestSupport {

  private static final String SQL = "'; DROP TABLE initiative;--";
  private static final String SCRIPT = "<script>alert(document.cookie)</script>";
  private static final String NUL = "nul\u0000byte";
  private static final String RTL = "\u202Egnp.exe";
  private static final String EMOJI = "\uD83D\uDE80-launch";
  private static final String ONE_MB = "x".repeat(1024 * 1024);

  /** The initiative every command of the sweep aims at, and its open security task. */
  private static String target;
  private static String task;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @BeforeEach
  void launchTheTargetOnce() {
    if (target == null) {
      target = uniqueKey("sweep");
      launch(target, "LIMITED");
      task = openTask(target, "SECURITY_REVIEW").path("id").asString();
      // the gates' tickets open just after their tasks: let the view settle before cases compare it
      await("the target's tickets", () -> targetView(), v -> v.path("gates").toString().split("\"ticket\":\\{").length == 3);
    }
  }

  record Case(String name, String user, String method, String path, String body, Set<Integer> statuses, String mentions,
      String refusedLaunchKey, String contentType) {
    Case(String name, String user, String method, String path, String body, Set<Integer> statuses, String mentions,
        String refusedLaunchKey) {
      this(name, user, method, path, body, statuses, mentions, refusedLaunchKey, "application/json");
    }

    Case withContentType(String type) {
      return new Case(name, user, method, path, body, statuses, mentions, refusedLaunchKey, type);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputIsRefusedWithAUsefulProblemAndChangesNothing(Case bad) {
    JsonNode before = targetView();
    long countBefore = initiativeCount();

    Api.Response response = send(bad);

    assertThat(bad.statuses()).as(response.raw()).contains(response.status());
    assertProblem(response, response.status());
    if (response.status() == 422) {
      assertThat(response.json().path("errors")).as("every 422 names the fields at fault").isNotEmpty()
          .allSatisfy(e -> assertThat(e.path("field").asString()).isNotBlank());
    }
    if (bad.mentions() != null) {
      assertThat(response.detail()).as("the detail names what is wrong").containsIgnoringCase(bad.mentions());
    }
    assertThat(response.raw()).as("no stack trace or internals")
        .doesNotContain("Exception", "\tat ", "tools.jackson", "org.springframework", "io.runway", "java.lang");
    assertThat(targetView()).as("the initiative is unchanged").isEqualTo(before);
    assertThat(initiativeCount()).isEqualTo(countBefore);
    if (bad.refusedLaunchKey() != null) {
      assertThat(api.get("auditor-1", "/api/v1/initiatives/" + bad.refusedLaunchKey()).status()).isEqualTo(404);
    }
  }

  /** A new endpoint that reads a body must join the sweep: this fails until it does. */
  @Test
  void everyEndpointThatReadsABodyIsInTheSweep() {
    Set<String> swept = new TreeSet<>();
    cases().forEach(c -> swept.add(c.method() + " " + template(c.path())));
    Set<String> withBody = new TreeSet<>();
    mappings.getHandlerMethods().forEach((info, method) -> {
      boolean readsBody = Stream.of(method.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
      if (readsBody) {
        info.getMethodsCondition().getMethods()
            .forEach(m -> patterns(info).forEach(pattern -> withBody.add(m.name() + " " + pattern)));
      }
    });

    assertThat(withBody).isNotEmpty();
    assertThat(swept).containsAll(withBody);
  }

  /** F6: console redirects used to expand what people typed as URI template variables ({foo}) and fail. */
  @Test
  void consoleRedirectsCarryWhatWasTypedEncodedNotExpanded() {
    ConsoleSession security = consoleSession("security-1");

    var saved = security.post("/console/inbox/filters", Map.of("name", "braces " + Integer.toHexString(hashCode()),
        "group", "{foo}", "riskTier", "{bar}&x=1"));
    var task = security.get("/console/inbox/tasks/%7Bbaz%7D");

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    assertThat(saved.headers().firstValue("Location").orElseThrow())
        .endsWith("/console/inbox?group=%7Bfoo%7D&riskTier=%7Bbar%7D%26x%3D1");
    assertThat(task.statusCode()).as(task.body()).isEqualTo(302);
    assertThat(task.headers().firstValue("Location").orElseThrow()).endsWith("/console/inbox?task=%7Bbaz%7D");
    security.post("/console/inbox/filters/delete", Map.of("name", "braces " + Integer.toHexString(hashCode())));
  }

  @Test
  void injectionStringsAndUnicodeInFreeTextAreKeptVerbatimAndHarmless() {
    String key = uniqueKey("verbatim");
    Map<String, Object> body = completeLaunch(key, "LIMITED");
    body.put("name", SQL + " " + SCRIPT);
    body.put("purpose", "\u05E2\u05D1\u05E8\u05D9\u05EA \u0627\u0644\u0639\u0631\u0628\u064A\u0629 " + EMOJI + " " + RTL);

    Api.Response launched = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", body);
    JsonNode view = api.get("auditor-1", "/api/v1/initiatives/" + key).json();
    Api.Response search = api.get("auditor-1", "/api/v1/initiatives?owner=" + encode("' OR '1'='1"));

    assertThat(launched.status()).as(launched.raw()).isEqualTo(201);
    assertThat(view.path("request").path("name").asString()).isEqualTo(SQL + " " + SCRIPT);
    assertThat(view.path("request").path("purpose").asString()).isEqualTo(body.get("purpose"));
    assertThat(search.status()).isEqualTo(200);
    assertThat(search.json().path("total").asLong()).isZero();
    assertThat(initiativeCount()).as("the initiative table is still there").isPositive();
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    jsonBodyCases(cases);
    webhookAndCodecCases(cases);
    queryAndPathCases(cases);
    nulOverflowAndNullCases(cases);
    consoleCases(cases);
    return cases.stream();
  }

  private static void jsonBodyCases(List<Case> cases) {
    Endpoint launch = new Endpoint("launch", PROGRAM_OFFICE, "POST", "/api/v1/initiatives");
    Endpoint evidence = new Endpoint("evidence", "security-1", "POST", "/api/v1/initiatives/{key}/evidence");
    Endpoint reclassify = new Endpoint("reclassify", PROGRAM_OFFICE, "POST", "/api/v1/initiatives/{key}/reclassify");
    Endpoint withdraw = new Endpoint("withdraw", PROGRAM_OFFICE, "POST", "/api/v1/initiatives/{key}/withdraw");
    Endpoint retire = new Endpoint("retire", "operations-1", "POST", "/api/v1/initiatives/{key}/retire");
    Endpoint events = new Endpoint("events", "operations-1", "POST", "/api/v1/initiatives/{key}/events");
    Endpoint complete = new Endpoint("complete", "security-1", "POST", "/api/v1/tasks/{task}/complete");
    Endpoint model = new Endpoint("model version", "data-engineering-1", "PUT", "/api/v1/models/sweep-model/versions/1");
    Endpoint kpiActual = new Endpoint("kpi actual", PROGRAM_OFFICE, "POST", "/api/v1/initiatives/{key}/kpi-actuals");
    Endpoint costActual = new Endpoint("cost actual", PROGRAM_OFFICE, "POST", "/api/v1/initiatives/{key}/cost-actuals");
    Endpoint exception = new Endpoint("readiness exception", "data-engineering-1", "POST",
        "/api/v1/initiatives/{key}/readiness-exceptions");

    Map<Endpoint, Map<String, Object>> valid = new LinkedHashMap<>();
    valid.put(launch, launchBody("sweep-never-" + Integer.toHexString(System.identityHashCode(cases))));
    valid.put(evidence, Map.of("gate", "SECURITY_REVIEW", "kind", "threat-model", "title", "Threat model",
        "uri", "https://docs.example/tm"));
    valid.put(reclassify, Map.of("riskTier", "HIGH", "reason", "new data"));
    valid.put(withdraw, Map.of("reason", "no longer needed"));
    valid.put(retire, Map.of("reason", "replaced"));
    valid.put(events, Map.of("type", "INCIDENT", "detail", "latency spike"));
    valid.put(complete, Map.of("decision", "REQUEST_CHANGES", "comment", "more detail please"));
    valid.put(model, Map.of("metrics", Map.of("auc", 0.91)));
    valid.put(kpiActual, Map.of("kpi", "cycle time", "period", "2026-11", "value", 30));
    valid.put(costActual, Map.of("period", "2026-11", "amount", 1100, "currency", "EUR"));
    valid.put(exception, Map.of("justification", "fix lands next sprint", "expiresOn", "2099-01-01"));

    valid.forEach((endpoint, body) -> {
      String launchKey = endpoint == launch ? (String) body.get("key") : null;
      cases.add(endpoint.bad("malformed JSON", "{\"reason\": \"x\",", Set.of(400), "Malformed JSON", launchKey));
      cases.add(endpoint.bad("a JSON array instead of an object", "[1, 2]", Set.of(400), "object", launchKey));
      cases.add(endpoint.bad("no body", "", Set.of(400), "body is required", launchKey));
      cases.add(endpoint.bad("trailing garbage", json(body) + " {}", Set.of(400), null, launchKey));
      cases.add(endpoint.bad("an unknown field", json(with(body, "isAdmin", true)), Set.of(400), "isAdmin", launchKey));
      cases.add(endpoint.bad("a duplicated field", json(body).replaceFirst("\\{", "{\"x\": 1, \"x\": 2, "), Set.of(400),
          "Duplicate", launchKey));
      cases.add(endpoint.bad("a 1 MB string", json(with(body, "note", ONE_MB)), Set.of(413), "KiB", launchKey));
    });

    // wrong types, unknown enum values, missing fields, injection and unicode, per endpoint
    Map<String, Object> launchBody = valid.get(launch);
    String k = (String) launchBody.get("key");
    cases.add(launch.bad("name as a number", json(with(launchBody, "name", 42)), Set.of(400), "name", k));
    cases.add(launch.bad("name as an object", json(with(launchBody, "name", Map.of("a", 1))), Set.of(400), "name", k));
    cases.add(launch.bad("kpis as text", json(with(launchBody, "kpis", "fast")), Set.of(400), "kpis", k));
    cases.add(launch.bad("a quoted number", json(with(launchBody, "budget", Map.of("monthlyCost", "a lot", "currency", "EUR"))),
        Set.of(400), "monthlyCost", k));
    cases.add(launch.bad("riskTier as a number", json(with(launchBody, "riskTier", 2)), Set.of(400, 422), "riskTier", k));
    cases.add(launch.bad("an unknown riskTier", json(with(launchBody, "riskTier", "EXTREME")), Set.of(422), "EXTREME", k));
    cases.add(launch.bad("a lowercase riskTier", json(with(launchBody, "riskTier", "high")), Set.of(422), "riskTier", k));
    cases.add(launch.bad("an unknown nested field", json(with(launchBody, "owners", Map.of("business", "b", "ceo", "c"))),
        Set.of(400), "owners.ceo", k));
    cases.add(launch.bad("missing key and name", "{}", Set.of(422), "key", null));
    cases.add(launch.bad("a SQL injection key", json(with(launchBody, "key", SQL)), Set.of(422), "key", null));
    cases.add(launch.bad("a script key", json(with(launchBody, "key", SCRIPT)), Set.of(422), "key", null));
    cases.add(launch.bad("an emoji key", json(with(launchBody, "key", EMOJI)), Set.of(422), "key", null));
    cases.add(launch.bad("an RTL-override key", json(with(launchBody, "key", RTL)), Set.of(422), "key", null));
    cases.add(launch.bad("a NUL in the name", json(with(launchBody, "name", NUL)), Set.of(422), "U+0000", k));
    cases.add(launch.bad("a NUL in a data class", json(with(launchBody, "dataClasses", List.of(NUL))), Set.of(422),
        "dataClasses", k));
    cases.add(launch.bad("an unpaired surrogate", json(with(launchBody, "purpose", "half SURROGATE")).replace("SURROGATE", "\\ud83d"),
        Set.of(422), "surrogate", k));

    Map<String, Object> ev = valid.get(evidence);
    cases.add(evidence.bad("title as an array", json(with(ev, "title", List.of("x"))), Set.of(400), "title", null));
    cases.add(evidence.bad("an unknown gate", json(with(ev, "gate", "NOPE")), Set.of(422), "NOPE", null));
    cases.add(evidence.bad("missing kind, title and uri", "{\"gate\": \"SECURITY_REVIEW\"}", Set.of(422), "uri", null));
    cases.add(evidence.bad("a javascript: uri", json(with(ev, "uri", "javascript:alert(document.cookie)")), Set.of(422), "uri",
        null));
    cases.add(evidence.bad("a data: uri", json(with(ev, "uri", "data:text/html," + SCRIPT)), Set.of(422), "uri", null));
    cases.add(evidence.bad("a bad sha256", json(with(ev, "sha256", SQL)), Set.of(422), "sha256", null));
    cases.add(evidence.bad("a NUL in the title", json(with(ev, "title", NUL)), Set.of(422), "title", null));

    Map<String, Object> re = valid.get(reclassify);
    cases.add(reclassify.bad("an unknown riskTier", json(with(re, "riskTier", "EXTREME")), Set.of(422), "EXTREME", null));
    cases.add(reclassify.bad("reason as a boolean", json(with(re, "reason", true)), Set.of(400), "reason", null));
    cases.add(reclassify.bad("missing riskTier and reason", "{}", Set.of(422), "riskTier", null));

    for (Endpoint end : List.of(withdraw, retire)) {
      cases.add(end.bad("reason as a number", "{\"reason\": 7}", Set.of(400), "reason", null));
      cases.add(end.bad("a missing reason", "{}", Set.of(422), "reason", null));
      cases.add(end.bad("a blank reason", "{\"reason\": \"   \"}", Set.of(422), "reason", null));
      cases.add(end.bad("a NUL in the reason", json(Map.of("reason", NUL)), Set.of(422), "reason", null));
    }

    Map<String, Object> ev2 = valid.get(events);
    cases.add(events.bad("an unknown event type", json(with(ev2, "type", "EARTHQUAKE")), Set.of(422), "EARTHQUAKE", null));
    cases.add(events.bad("detail as a number", json(with(ev2, "detail", 12.5)), Set.of(400), "detail", null));
    cases.add(events.bad("missing type and detail", "{}", Set.of(422), "type", null));

    Map<String, Object> co = valid.get(complete);
    cases.add(complete.bad("an unknown decision", json(with(co, "decision", "MAYBE")), Set.of(422), "MAYBE", null));
    cases.add(complete.bad("a missing decision", "{\"comment\": \"ok\"}", Set.of(422), "decision", null));
    cases.add(complete.bad("metrics as text", json(with(co, "metrics", Map.of("auc", "high"))), Set.of(400), "metrics", null));
    cases.add(complete.bad("evidence as text", json(with(co, "evidence", "doc")), Set.of(400), "evidence", null));
    cases.add(complete.bad("evidence missing its uri", json(with(co, "evidence", List.of(Map.of("kind", "k", "title", "t")))),
        Set.of(422), "uri", null));
    cases.add(complete.bad("a javascript: evidence uri",
        json(with(co, "evidence", List.of(Map.of("kind", "k", "title", "t", "uri", "javascript:alert(1)")))), Set.of(422),
        "uri", null));
    cases.add(complete.bad("an unknown amendment field", json(with(co, "amendment", Map.of("salary", 1))), Set.of(400),
        "amendment.salary", null));
    cases.add(complete.bad("a NUL in the comment", json(with(co, "comment", NUL)), Set.of(422), "comment", null));

    cases.add(model.bad("metrics as a list", "{\"metrics\": [1, 2]}", Set.of(400), "metrics", null));
    cases.add(model.bad("a metric as text", "{\"metrics\": {\"auc\": \"high\"}}", Set.of(400), "auc", null));
    cases.add(model.bad("missing metrics", "{}", Set.of(422), "metrics", null));
    cases.add(model.bad("a NUL in a metric name", json(Map.of("metrics", Map.of(NUL, 1.0))), Set.of(422), "metrics", null));
    valueCases(cases, kpiActual, costActual, exception);
    cases.add(model.bad("a SQL injection metric name", json(Map.of("metrics", Map.of(SQL, 1.0))), Set.of(422), "metrics",
        null));
  }

  private static void valueCases(List<Case> cases, Endpoint kpiActual, Endpoint costActual, Endpoint exception) {
    cases.add(kpiActual.bad("a value as text", "{\"kpi\": \"cycle time\", \"period\": \"2026-11\", \"value\": \"30\"}", Set.of(400),
        "value", null));
    cases.add(kpiActual.bad("an unknown source", "{\"kpi\": \"cycle time\", \"period\": \"2026-11\", \"value\": 30, "
        + "\"source\": \"excel\"}", Set.of(422), "excel", null));
    cases.add(kpiActual.bad("a period that is not YYYY-MM", "{\"kpi\": \"cycle time\", \"period\": \"" + SQL.replace("'", "")
        + "\", \"value\": 30}", Set.of(422), "period", null));
    cases.add(kpiActual.bad("a period in the future", "{\"kpi\": \"cycle time\", \"period\": \"2999-01\", \"value\": 30}",
        Set.of(422), "in the future", null));
    cases.add(kpiActual.bad("an unknown KPI", "{\"kpi\": \"" + SCRIPT + "\", \"period\": \"2026-11\", \"value\": 30}",
        Set.of(422), "is not a KPI", null));
    cases.add(kpiActual.bad("a value beyond a double", "{\"kpi\": \"cycle time\", \"period\": \"2026-11\", \"value\": 1e999}",
        Set.of(400, 422), "value", null));
    cases.add(kpiActual.bad("missing kpi, period and value", "{}", Set.of(422), "kpi", null));
    cases.add(costActual.bad("a currency other than the budget's", "{\"period\": \"2026-11\", \"amount\": 10, \"currency\": "
        + "\"USD\"}", Set.of(422), "must be EUR", null));
    cases.add(costActual.bad("an amount as text", "{\"period\": \"2026-11\", \"amount\": \"ten\", \"currency\": \"EUR\"}",
        Set.of(400), "amount", null));
    cases.add(costActual.bad("a breakdown as a list", "{\"period\": \"2026-11\", \"amount\": 10, \"currency\": \"EUR\", "
        + "\"breakdown\": [1]}", Set.of(400), "breakdown", null));
    cases.add(exception.bad("an expiry that is not a date", "{\"justification\": \"why\", \"expiresOn\": \"soon\"}", Set.of(400),
        "expiresOn", null));
    cases.add(exception.bad("a missing justification", "{\"expiresOn\": \"2099-01-01\"}", Set.of(422), "justification", null));
  }

  private static void webhookAndCodecCases(List<Case> cases) {
    Endpoint jira = new Endpoint("webhook", null, "POST", "/api/v1/webhooks/jira");
    cases.add(jira.bad("an unsigned delivery", "{\"webhookEvent\": \"x\"}", Set.of(401), "X-Hub-Signature", null));
    cases.add(jira.bad("a signed malformed body", "SIGNED:{\"webhookEvent\": ", Set.of(400), "not JSON", null));
    cases.add(jira.bad("a signed JSON array", "SIGNED:[1]", Set.of(400), "JSON object", null));
    cases.add(jira.bad("a 1 MB body", "{\"x\": \"" + ONE_MB + "\"}", Set.of(413), "KiB", null));
    Endpoint unknownSource = new Endpoint("webhook", null, "POST", "/api/v1/webhooks/" + encode("<script>"));
    cases.add(unknownSource.bad("from an unknown source", "{}", Set.of(404), "source", null));

    // an import is refused as a whole only when the file is unusable; bad rows are reported per row
    Endpoint importFile = new Endpoint("import", PROGRAM_OFFICE, "POST", "/api/v1/initiatives/import");
    cases.add(importFile.bad("malformed JSON", "{\"initiatives\": [", Set.of(422), "not valid JSON", null));
    cases.add(importFile.bad("an empty file", "", Set.of(400), "empty", null));
    cases.add(importFile.bad("a number instead of initiatives", "5", Set.of(422), null, null));
    cases.add(importFile.bad("no initiatives", "[]", Set.of(422), "no initiatives", null));
    cases.add(importFile.bad("a NUL-laden non-file", "\u0000\u0000" + SCRIPT, Set.of(415, 422), null, null));

    Endpoint decode = new Endpoint("codec decode", "auditor-1", "POST", "/codec/decode");
    Endpoint encode = new Endpoint("codec encode", "admin-1", "POST", "/codec/encode");
    for (Endpoint codec : List.of(decode, encode)) {
      cases.add(codec.bad("malformed JSON", "{\"payloads\": [", Set.of(400), "codec request", null));
      cases.add(codec.bad("an unknown field", "{\"payloads\": [], \"isAdmin\": true}", Set.of(400), "isAdmin", null));
      cases.add(codec.bad("payloads as a number", "{\"payloads\": 5}", Set.of(400), "codec request", null));
      cases.add(codec.bad("data that is not base64", "{\"payloads\": [{\"data\": \"" + SCRIPT + "\"}]}", Set.of(400),
          "codec request", null));
      cases.add(codec.bad("a 1 MB body", "{\"payloads\": [{\"data\": \"" + ONE_MB + "\"}]}", Set.of(413), "KiB", null));
    }
  }

  private static void queryAndPathCases(List<Case> cases) {
    String inj = encode("' OR '1'='1");
    cases.add(get("an unknown stage", "/api/v1/initiatives?stage=" + encode(SCRIPT), 422, "stage"));
    cases.add(get("an unknown riskTier filter", "/api/v1/initiatives?riskTier=EXTREME", 422, "riskTier"));
    cases.add(get("a text page number", "/api/v1/initiatives?page=" + inj, 400, "page"));
    cases.add(get("a negative page", "/api/v1/initiatives?page=-1", 422, "page"));
    cases.add(get("a huge page size", "/api/v1/initiatives?size=1000000", 422, "size"));
    cases.add(get("a number overflow", "/api/v1/initiatives?size=99999999999999999999", 400, "size"));
    cases.add(get("a text stalledDays", "/api/v1/initiatives?stalledDays=soon", 400, "stalledDays"));
    cases.add(get("zero stalledDays", "/api/v1/initiatives?stalledDays=0", 422, "stalledDays"));
    cases.add(get("a text stalled flag", "/api/v1/initiatives?stalled=maybe", 400, "stalled"));
    cases.add(get("an injection initiative key", "/api/v1/initiatives/" + inj, 404, "initiative"));
    cases.add(get("an unknown task status", "/api/v1/tasks?status=" + inj, 422, "status"));
    cases.add(get("a task page size of zero", "/api/v1/tasks?size=0", 422, "size"));
    cases.add(get("an injection task id", "/api/v1/tasks/" + inj, 404, null));
    cases.add(get("an unknown delivery verdict", "/api/v1/webhooks/deliveries?verdict=" + encode(SCRIPT), 422, "verdict"));
    cases.add(get("an unknown delivery source", "/api/v1/webhooks/deliveries?source=" + inj, 422, "source"));
    cases.add(get("an injection ticket id", "/api/v1/tickets/" + inj, 404, "ticket"));
    cases.add(get("an injection CRM id", "/api/v1/crm/records/" + inj, 404, "CRM"));
    cases.add(get("an injection model name", "/api/v1/models/" + inj, 404, "model"));
    cases.add(get("a 16 KB query string", "/api/v1/initiatives?owner=" + "o".repeat(16 * 1024), 400, null));
    cases.add(new Case("claim: an injection task id", "security-1", "POST", "/api/v1/tasks/" + inj + "/claim", "",
        Set.of(404, 422), null, null));
    cases.add(new Case("unclaim: an injection task id", "security-1", "POST", "/api/v1/tasks/" + inj + "/unclaim", "",
        Set.of(404, 422), null, null));
    cases.add(new Case("resolve: an injection ticket id", "engineering-1", "POST", "/api/v1/tickets/" + inj + "/resolve", "",
        Set.of(404), "ticket", null));
    cases.add(get("an encoded ';' in a path (the URL firewall)", "/api/v1/initiatives/" + encode(SQL), 400, "refused this URL"));
  }


  /**
   * The probe's 5xx answers, as classes: NUL in any free-text query parameter, integers at their limit
   * (paging past what an OFFSET can hold, day counts past the calendar), null items in lists and maps,
   * non-finite and astronomically large numbers, a form body sent to a JSON endpoint, and /error itself.
   */
  private static void nulOverflowAndNullCases(List<Case> cases) {
    for (String path : List.of("/api/v1/initiatives?owner=", "/api/v1/initiatives?businessUnit=", "/api/v1/tasks?initiativeKey=",
        "/api/v1/tasks?assignee=", "/api/v1/tasks?candidateGroup=", "/api/v1/audit?initiativeKey=", "/api/v1/audit?from=",
        "/api/v1/tickets?initiativeKey=", "/api/v1/notifications?initiativeKey=", "/api/v1/portfolio/funnel?businessUnit=",
        "/api/v1/portfolio/time-in-gate?riskTier=", "/api/v1/portfolio/stalls?businessUnit=",
        "/api/v1/webhooks/deliveries?source=", "/api/v1/initiatives/import/template?format=")) {
      String parameter = path.substring(path.indexOf('?') + 1, path.length() - 1);
      cases.add(get("a NUL in " + path, path + "nul%00byte", 400, parameter));
    }
    cases.add(get("a control character in a query parameter", "/api/v1/initiatives?owner=bell%07", 400, "owner"));
    cases.add(get("a NUL in a path", "/api/v1/initiatives/nul%00byte", 400, null));
    for (String list : List.of("/api/v1/initiatives", "/api/v1/tasks", "/api/v1/audit", "/api/v1/webhooks/deliveries")) {
      cases.add(get("a page at the integer limit on " + list, list + "?page=2147483647", 422, "page"));
    }
    cases.add(get("a page just past the offset limit", "/api/v1/initiatives?page=50001&size=200", 422, "page"));
    cases.add(get("stalledDays at the integer limit", "/api/v1/initiatives?stalled=true&stalledDays=2147483647", 422, "stalledDays"));
    cases.add(get("stall radar days at the integer limit", "/api/v1/portfolio/stalls?days=2147483647", 422, "days"));
    cases.add(get("stall radar days overflowing an integer", "/api/v1/portfolio/stalls?days=99999999999", 400, "days"));
    cases.add(get("the error page itself", "/error", 404, null));

    Endpoint launch = new Endpoint("launch", PROGRAM_OFFICE, "POST", "/api/v1/initiatives");
    Endpoint complete = new Endpoint("complete", "security-1", "POST", "/api/v1/tasks/{task}/complete");
    Endpoint model = new Endpoint("model version", "data-engineering-1", "PUT", "/api/v1/models/sweep-model/versions/1");
    Map<String, Object> body = launchBody("sweep-nulls-" + Integer.toHexString(System.identityHashCode(cases)));
    String k = (String) body.get("key");
    Map<String, Object> kpi = new LinkedHashMap<>(Map.of("name", "cycle time", "unit", "hours", "baseline", 48, "target", 12));
    cases.add(launch.bad("a null KPI", json(with(body, "kpis", java.util.Arrays.asList((Object) null))), Set.of(422), "kpis[0]", k));
    cases.add(launch.bad("a null data class", json(with(body, "dataClasses", java.util.Arrays.asList("personal", null))),
        Set.of(422), "dataClasses[1]", k));
    cases.add(launch.bad("a NaN KPI baseline", json(with(body, "kpis", List.of(with(kpi, "baseline", "NaN")))), Set.of(422),
        "finite", k));
    cases.add(launch.bad("an infinite KPI target", json(with(body, "kpis", List.of(kpi))).replace("\"target\":12", "\"target\":1e309"),
        Set.of(422), "finite", k));
    cases.add(launch.bad("a monthly cost of 1e999999999", json(body).replace("\"monthlyCost\":1200", "\"monthlyCost\":1e999999999"),
        Set.of(422), "monthlyCost", k));
    cases.add(launch.bad("a NUL in an enum value", json(with(body, "riskTier", "HIGH" + NUL)), Set.of(422), "riskTier", k));
    cases.add(launch.bad("a NUL after an enum value", json(with(body, "riskTier", "HIGH\u0000")), Set.of(422), "riskTier", k));
    cases.add(launch.bad("spaces around an enum value", json(with(body, "riskTier", " HIGH ")), Set.of(422), "riskTier", k));
    cases.add(launch.bad("a form body with a stray %", "key=%zz&name=x", Set.of(400, 415), null, k)
        .withContentType("application/x-www-form-urlencoded"));
    Map<String, Object> decision = Map.of("decision", "REQUEST_CHANGES", "comment", "more detail please");
    cases.add(complete.bad("a null evidence item", json(with(decision, "evidence", java.util.Arrays.asList((Object) null))),
        Set.of(422), "evidence[0]", null));
    cases.add(complete.bad("a null metric", "{\"decision\": \"REQUEST_CHANGES\", \"comment\": \"x\", \"metrics\": {\"a\": null}}",
        Set.of(422), "metrics.a", null));
    cases.add(complete.bad("a NaN metric", json(with(decision, "metrics", Map.of("auc", "NaN"))), Set.of(422), "finite", null));
    cases.add(complete.bad("an infinite metric", "{\"decision\": \"REQUEST_CHANGES\", \"comment\": \"x\", \"metrics\": {\"auc\": -1e309}}",
        Set.of(422), "finite", null));
    cases.add(complete.bad("a form body with a stray %", "decision=%zz", Set.of(400, 415), null, null)
        .withContentType("application/x-www-form-urlencoded"));
    cases.add(model.bad("a null metric", "{\"metrics\": {\"auc\": null}}", Set.of(422), "auc", null));
    cases.add(model.bad("an infinite metric", "{\"metrics\": {\"auc\": 1e309}}", Set.of(422), "finite", null));
    cases.add(new Case("claim: credentials with a NUL in the user name", "nul\u0000user:demo", "POST",
        "/api/v1/tasks/{task}/claim", "", Set.of(400), "control character", null));
  }

  /** The console's pages take query parameters too; they answer the same 4xx problem+json. */
  private static void consoleCases(List<Case> cases) {
    cases.add(console("a NUL in the inbox group filter", "/console/inbox?group=nul%00byte", 400, "group"));
    cases.add(console("a NUL in the inbox tier filter", "/console/inbox/list?riskTier=nul%00byte", 400, "riskTier"));
    cases.add(console("due within days at the integer limit", "/console/inbox?dueWithinDays=2147483647", 422, "dueWithinDays"));
    cases.add(console("a NUL in the initiative search", "/console/initiatives?q=nul%00byte", 400, "q"));
    cases.add(console("a text page number", "/console/initiatives?page=abc", 400, "page"));
    cases.add(console("a page at the integer limit", "/console/initiatives?page=2147483647", 422, "page"));
    cases.add(console("a NUL in the portfolio filter", "/console/portfolio?businessUnit=nul%00byte", 400, "businessUnit"));
    cases.add(console("portfolio days at the integer limit", "/console/portfolio?days=2147483647", 422, "days"));
  }

  private static Case console(String name, String path, int status, String mentions) {
    return new Case("console: " + name, "console:security-1", "GET", path, null, Set.of(status), mentions, null);
  }

  private static Case get(String name, String path, int status, String mentions) {
    return new Case("GET " + name, "auditor-1", "GET", path, null, Set.of(status), mentions, null);
  }

  private record Endpoint(String name, String user, String method, String path) {
    Case bad(String what, String body, Set<Integer> statuses, String mentions, String refusedLaunchKey) {
      return new Case(name + ": " + what, user, method, path, body, statuses, mentions, refusedLaunchKey);
    }
  }

  private Api.Response send(Case bad) {
    String path = bad.path().replace("{key}", target).replace("{task}", task);
    if (bad.user() != null && bad.user().startsWith("console:")) {
      var page = consoleSession(bad.user().substring("console:".length())).get(path);
      return new Api.Response(page.statusCode(), page.headers().firstValue("Content-Type").orElse(""),
          page.headers().firstValue("Location").orElse(null), page.body());
    }
    if (bad.user() == null) {
      boolean signed = bad.body().startsWith("SIGNED:");
      String body = signed ? bad.body().substring("SIGNED:".length()) : bad.body();
      Map<String, String> headers = signed
          ? WebhookSender.jiraHeaders(WebhookSender.deliveryId(), body, WebhookSender.JIRA_SECRET)
          : WebhookSender.jiraHeaders(WebhookSender.deliveryId(), body, null);
      return api.postRaw(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }
    return switch (bad.method()) {
      case "GET" -> api.get(bad.user(), path);
      case "PUT" -> api.send(bad.user(), "PUT", path, java.net.http.HttpRequest.BodyPublishers.ofString(bad.body()),
          "application/json");
      default -> api.send(bad.user(), "POST", path, java.net.http.HttpRequest.BodyPublishers.ofString(bad.body()),
          bad.contentType());
    };
  }

  private static final Map<String, ConsoleSession> CONSOLE = new java.util.concurrent.ConcurrentHashMap<>();

  private ConsoleSession consoleSession(String user) {
    return CONSOLE.computeIfAbsent(user + "@" + port, u -> ConsoleSession.signIn(port, user));
  }

  private JsonNode targetView() {
    return api.get("auditor-1", "/api/v1/initiatives/" + target).json();
  }

  private long initiativeCount() {
    return api.get("auditor-1", "/api/v1/initiatives?size=1").json().path("total").asLong();
  }

  private static Map<String, Object> launchBody(String key) {
    return completeLaunch(key, "LIMITED");
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(body);
    copy.put(field, value);
    return copy;
  }

  private static String json(Object body) {
    return Api.JSON.writeValueAsString(body);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String template(String path) {
    return path.replace("{key}", "{key}").replace("{task}", "{id}").replaceAll("\\?.*", "")
        .replace("/models/sweep-model/versions/1", "/models/{name}/versions/{version}")
        .replace("/webhooks/jira", "/webhooks/{source}");
  }

  private static Set<String> patterns(RequestMappingInfo info) {
    // a variable's regex (the webhook intake's {source} leaves out "deliveries") is not part of the template
    return info.getPathPatternsCondition() == null ? Set.of() : info.getPathPatternsCondition().getPatternValues().stream()
        .map(io.runway.worker.web.Routes::withoutRegexes).collect(java.util.stream.Collectors.toSet());
  }
}
