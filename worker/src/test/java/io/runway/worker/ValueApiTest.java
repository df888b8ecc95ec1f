package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The value endpoints over real HTTP: pilot figures through go-live into the value view, corrections,
 * run cost against the budget, the portfolio's value as JSON and CSV, data-readiness thresholds and
 * their exception, and every refusal the issue names (each changing nothing).
 */
class ValueApiTest extends ApiTestSupport {

  private static String month(int plus) {
    return YearMonth.now(ZoneOffset.UTC).plusMonths(plus).toString();
  }

  private Api.Response kpi(String user, String key, Object body) {
    return api.post(user, "/api/v1/initiatives/" + key + "/kpi-actuals", body);
  }

  private Api.Response cost(String user, String key, Object body) {
    return api.post(user, "/api/v1/initiatives/" + key + "/cost-actuals", body);
  }

  private static Map<String, Object> figure(String period, Object value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kpi", "cycle time");
    body.put("period", period);
    body.put("value", value);
    return body;
  }

  private JsonNode value(String key) {
    Api.Response response = api.get("auditor-1", "/api/v1/initiatives/" + key + "/value");
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.json();
  }

  @Test
  void pilotFiguresGoLiveCorrectionsAndCostsShowInTheValueViewAndThePortfolio() {
    String key = uniqueKey("value");
    Lifecycles lifecycle = new Lifecycles(this, key);
    lifecycle.toIntegrationAwaitingTicket();
    Map<String, Object> pilot = figure(month(-2), 40);
    pilot.put("source", "manual");
    pilot.put("note", "pilot region only");
    Api.Response recorded = kpi(PROGRAM_OFFICE, key, pilot);
    assertThat(recorded.status()).as(recorded.raw()).isEqualTo(201);
    assertThat(recorded.json().path("pilot").asBoolean()).isTrue();

    lifecycle.fromIntegrationToProduction();
    assertThat(kpi(PROGRAM_OFFICE, key, figure(month(-1), 30)).status()).isEqualTo(201);
    assertThat(kpi("value-feed-1", key, figure(month(0), 20)).status()).isEqualTo(201);
    Api.Response corrected = kpi("value-feed-2", key, figure(month(0), 18));
    assertThat(corrected.status()).as(corrected.raw()).isEqualTo(201);
    assertThat(corrected.json().path("source").asString()).isEqualTo("api");
    Api.Response costed = cost("value-feed-1", key, Map.of("period", month(0), "amount", 1100, "currency", "EUR",
        "breakdown", Map.of("inference", 700, "people", 400)));
    assertThat(costed.status()).as(costed.raw()).isEqualTo(201);

    JsonNode view = await("the value view", () -> value(key), v -> v.path("costs").size() == 1 && v.path("nextReviewAt").isString());
    JsonNode kpi = view.path("kpis").get(0);
    assertThat(kpi.path("direction").asString()).isEqualTo("DOWN");
    assertThat(kpi.path("actuals")).hasSize(3);
    assertThat(kpi.path("actuals").get(0).path("pilot").asBoolean()).isTrue();
    assertThat(kpi.path("actuals").get(0).path("attainment").asDouble()).isEqualTo(22.2);
    JsonNode latest = kpi.path("latest");
    assertThat(latest.path("value").asDouble()).isEqualTo(18.0);
    assertThat(latest.path("corrections").get(0).path("value").asDouble()).isEqualTo(20.0);
    assertThat(latest.path("corrections").get(0).path("recordedBy").asString()).isEqualTo("value-feed-1");
    assertThat(kpi.path("latestAttainment").asDouble()).isEqualTo(83.3);
    assertThat(kpi.path("trend").asString()).isEqualTo("IMPROVING");
    assertThat(kpi.path("onTrack").asBoolean()).isFalse();
    JsonNode costMonth = view.path("costs").get(0);
    assertThat(costMonth.path("ratioToBudget").asDouble()).isEqualTo(0.9167);
    assertThat(costMonth.path("overBudget").asBoolean()).isFalse();
    Instant wentLive = Instant.parse(view.path("wentLiveAt").asString());
    assertThat(Duration.between(wentLive, Instant.parse(view.path("nextReviewAt").asString()))).isEqualTo(Duration.ofDays(30));
    assertThat(view.path("serving").asString()).isEqualTo("SERVING");

    JsonNode portfolio = api.get("auditor-1", "/api/v1/portfolio/value?businessUnit=claims").json();
    JsonNode mine = null;
    for (JsonNode i : portfolio.path("initiatives")) {
      if (key.equals(i.path("key").asString())) {
        mine = i;
      }
    }
    assertThat(mine).as(portfolio.toString()).isNotNull();
    assertThat(mine.path("attainment").asDouble()).isEqualTo(83.3);
    assertThat(mine.path("costToBudget").asDouble()).isEqualTo(0.9167);
    assertThat(mine.path("kpisAtTarget").asInt()).isZero();
    assertThat(portfolio.path("businessUnits").get(0).path("businessUnit").asString()).isEqualTo("claims");

    Api.Response csv = api.get("auditor-1", "/api/v1/portfolio/value?businessUnit=claims&format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.raw().lines().findFirst().orElseThrow()).startsWith("key,name,businessUnit,riskTier,stage,serving,attainmentPercent");
    assertThat(csv.raw()).contains(key + ",Test initiative " + key + ",claims,MINIMAL,IN_PRODUCTION,SERVING,83.3,0,1,1100,1200,EUR,0.9167");
  }

  @Test
  void badFiguresAreRefusedNamingTheFieldAndRecordNothing() {
    String key = uniqueKey("value-bad");
    launch(key, "MINIMAL");
    openTask(key, "SECURITY_REVIEW");
    String before = value(key).toString();

    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {kpi(PROGRAM_OFFICE, "no-such-initiative", figure(month(0), 1)), 404, "No initiative"});
    Map<String, Object> revenue = figure(month(0), 1);
    revenue.put("kpi", "revenue");
    cases.add(new Object[] {kpi(PROGRAM_OFFICE, key, revenue), 422, "'revenue' is not a KPI of " + key});
    cases.add(new Object[] {kpi(PROGRAM_OFFICE, key, figure("2026-13", 1)), 422, "period"});
    cases.add(new Object[] {kpi(PROGRAM_OFFICE, key, figure("Nov 2026", 1)), 422, "YYYY-MM"});
    cases.add(new Object[] {kpi(PROGRAM_OFFICE, key, figure(month(2), 1)), 422, "is in the future"});
    cases.add(new Object[] {kpi(PROGRAM_OFFICE, key, figure(month(0), "12")), 400, "value"});
    cases.add(new Object[] {kpi(PROGRAM_OFFICE, key, "{\"kpi\":\"cycle time\",\"period\":\"" + month(0) + "\",\"value\":1e999}"), 422,
        "finite"});
    cases.add(new Object[] {kpi(PROGRAM_OFFICE, key, Map.of("kpi", "cycle time", "period", month(0))), 422, "value"});
    Map<String, Object> badSource = figure(month(0), 1);
    badSource.put("source", "excel");
    cases.add(new Object[] {kpi(PROGRAM_OFFICE, key, badSource), 422, "excel"});
    cases.add(new Object[] {kpi("security-1", key, figure(month(0), 1)), 403, "security-1"});
    cases.add(new Object[] {kpi("auditor-1", key, figure(month(0), 1)), 403, "read-only"});
    cases.add(new Object[] {cost(PROGRAM_OFFICE, key, Map.of("period", month(0), "amount", 10, "currency", "USD")), 422,
        "must be EUR"});
    cases.add(new Object[] {cost(PROGRAM_OFFICE, key, Map.of("period", month(0), "amount", -10, "currency", "EUR")), 422, "amount"});
    cases.add(new Object[] {cost(PROGRAM_OFFICE, key, Map.of("period", month(0), "amount", 10, "currency", "EUR",
        "breakdown", Map.of("inference", 20))), 422, "more than the amount"});
    for (Object[] c : cases) {
      Api.Response response = (Api.Response) c[0];
      assertProblem(response, (Integer) c[1]);
      assertThat(response.detail()).as(response.raw()).contains((String) c[2]);
    }
    assertThat(value(key).toString()).as("nothing recorded").isEqualTo(before);
  }

  @Test
  void aRetiredInitiativeTakesNoMoreFiguresAndSaysWhy() {
    String key = uniqueKey("value-retired");
    new Lifecycles(this, key).toProduction();
    assertThat(api.post("operations-1", "/api/v1/initiatives/" + key + "/retire", Map.of("reason", "replaced by v2")).status())
        .isEqualTo(202);
    new Lifecycles(this, key).when(v -> "RETIRED".equals(v.path("stage").asString()));

    Api.Response refused = kpi(PROGRAM_OFFICE, key, figure(month(0), 1));

    assertProblem(refused, 409);
    assertThat(refused.detail()).contains("is RETIRED").contains("replaced by v2");
    assertProblem(cost(PROGRAM_OFFICE, key, Map.of("period", month(0), "amount", 10, "currency", "EUR")), 409);
  }

  @Test
  void attainmentAndCostToBudgetAreScrapedPerInitiative() throws InterruptedException {
    String key = uniqueKey("value-gauges");
    launch(key, "MINIMAL");
    // baseline 48 h, target 12 h: 30 h is half way; 600 of a 1,200 EUR monthly budget is a ratio of 0.5
    assertThat(kpi(PROGRAM_OFFICE, key, figure(month(0), 30)).status()).isEqualTo(201);
    assertThat(cost(PROGRAM_OFFICE, key, Map.of("period", month(0), "amount", 600, "currency", "EUR")).status()).isEqualTo(201);

    // the gauges refresh from the read model every ValueGauges.REFRESH_SECONDS (30 s)
    Instant deadline = Instant.now().plusSeconds(45);
    String attainment = null;
    String ratio = null;
    while ((attainment == null || ratio == null) && Instant.now().isBefore(deadline)) {
      String scrape = api.get(null, "/actuator/prometheus").raw();
      attainment = sample(scrape, "runway_kpi_attainment_percent{", key);
      ratio = sample(scrape, "runway_cost_to_budget_ratio{", key);
      Thread.sleep(500);
    }
    assertThat(attainment).as("attainment of " + key).isNotNull().contains("kpi=\"cycle time\"").endsWith(" 50.0");
    assertThat(ratio).as("cost to budget of " + key).isNotNull().endsWith(" 0.5");
  }

  private static String sample(String scrape, String series, String key) {
    return scrape.lines().filter(line -> line.startsWith(series) && line.contains("initiative=\"" + key + "\""))
        .findFirst().orElse(null);
  }

  @Test
  void aWithdrawnPilotTakesNoMoreFiguresAndSaysWhy() {
    String key = uniqueKey("value-withdrawn");
    launch(key, "MINIMAL");
    assertThat(kpi(PROGRAM_OFFICE, key, figure(month(0), 1)).status()).as("a pilot figure is taken").isEqualTo(201);
    assertThat(api.post(PROGRAM_OFFICE, "/api/v1/initiatives/" + key + "/withdraw", Map.of("reason", "no sponsor")).status())
        .isEqualTo(202);
    new Lifecycles(this, key).when(v -> "WITHDRAWN".equals(v.path("stage").asString()));
    String before = value(key).toString();

    Api.Response refused = kpi(PROGRAM_OFFICE, key, figure(month(0), 2));

    assertProblem(refused, 409);
    assertThat(refused.detail()).contains("WITHDRAWN").contains("no sponsor");
    assertProblem(cost(PROGRAM_OFFICE, key, Map.of("period", month(0), "amount", 10, "currency", "EUR")), 409);
    assertThat(value(key).toString()).as("nothing recorded").isEqualTo(before);
  }

  @Test
  void dataReadinessIsNotApprovedOnMissingMetricsWithoutAnExceptionTheBoardApproved() {
    String key = uniqueKey("value-ready");
    launch(key, "MINIMAL");
    Lifecycles lifecycle = new Lifecycles(this, key);
    approveSecurity(key);
    JsonNode task = openTask(key, "DATA_READINESS");
    String id = task.path("id").asString();
    assertThat(task.path("thresholds")).hasSize(3);

    Api.Response refused = api.post("data-engineering-1", "/api/v1/tasks/" + id + "/complete", approval(task));
    assertProblem(refused, 422);
    assertThat(refused.detail()).contains("data_quality_score is missing (must be at least 0.95)")
        .contains("null_rate is missing (must be at most 0.02)").contains("freshness_hours is missing (must be at most 24)");

    Api.Response asked = api.post("data-engineering-1", "/api/v1/initiatives/" + key + "/readiness-exceptions",
        Map.of("justification", "quality job fixed next sprint", "expiresOn", java.time.LocalDate.now(ZoneOffset.UTC).plusDays(14).toString()));
    assertThat(asked.status()).as(asked.raw()).isEqualTo(201);
    assertProblem(api.post("data-engineering-1", "/api/v1/initiatives/" + key + "/readiness-exceptions",
        Map.of("justification", "again", "expiresOn", "2020-01-01")), 409);
    JsonNode board = await("the board's exception task", () -> api.get("governance-board-1",
        "/api/v1/tasks?candidateGroup=governance-board&initiativeKey=" + key).json().path("items"), i -> i.size() > 0).get(0);
    assertThat(board.path("kind").asString()).isEqualTo("READINESS_EXCEPTION");
    Api.Response approved = api.post("governance-board-1", "/api/v1/tasks/" + board.path("id").asString() + "/complete",
        Map.of("decision", "APPROVE", "comment", "two weeks, no longer"));
    assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    await("the active exception", () -> value(key).path("readinessExceptions").toString(), s -> s.contains("ACTIVE"));

    Api.Response passed = api.post("data-engineering-1", "/api/v1/tasks/" + id + "/complete", approval(task));
    assertThat(passed.status()).as(passed.raw()).isEqualTo(200);
    lifecycle.when(v -> "APPROVED".equals(Lifecycles.gateStatus(v, "DATA_READINESS")));
  }

  private void approveSecurity(String key) {
    JsonNode task = openTask(key, "SECURITY_REVIEW");
    assertThat(api.post("security-1", "/api/v1/tasks/" + task.path("id").asString() + "/complete", approval(task)).status())
        .isEqualTo(200);
  }

  private static Map<String, Object> approval(JsonNode task) {
    List<Map<String, String>> evidence = new ArrayList<>();
    task.path("requiredEvidence").forEach(kind -> evidence.add(
        Map.of("kind", kind.asString(), "title", kind.asString(), "uri", "https://docs.example.org/" + kind.asString())));
    return Map.of("decision", "APPROVE", "comment", "meets the bar", "evidence", evidence);
  }
}
