package io.runway.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.runway.worker.WebhookSender.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole lifecycle of one MINIMAL initiative with every system of record a vendor's API: Jira
 * for the gates' tickets, Salesforce for the CRM record, MLflow for metrics and promotion, each a
 * WireMock server answering as the vendor does. Jira is stateful ({@link FakeJira}), so the
 * adapter's search-before-create is what keeps a retry from opening a second issue, and its comment
 * lookup what keeps a retried close from commenting twice: the first create and the first status
 * read answer 503 with Retry-After, as an overloaded Jira does, and the data-readiness issue's create
 * is stored but its answer lost.
 * Afterwards the vendors' journals must show every write exactly once: no duplicate, no lost update.
 */
@SpringBootTest(
    classes = RunwayApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runway.ticketing.provider=jira",
      "runway.crm.provider=salesforce",
      "runway.mlops.provider=mlflow",
      "runway.jira.email=runway-bot@example.com",
      "runway.jira.api-token=" + EndToEndWithVendorsTest.JIRA_TOKEN,
      "runway.jira.project-key=" + EndToEndWithVendorsTest.PROJECT,
      "runway.jira.search-lag=1s",
      "runway.salesforce.client-id=3MVG9runway-e2e",
      "runway.salesforce.client-secret=" + EndToEndWithVendorsTest.SALESFORCE_SECRET,
      "runway.mlflow.token=" + EndToEndWithVendorsTest.MLFLOW_TOKEN
    })
// a context of its own (the adapters differ): close it with the class rather than keep it cached
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EndToEndWithVendorsTest extends ApiTestSupport {

  static final String PROJECT = "SEC";
  static final String JIRA_TOKEN = "dummy-jira-api-token-e2e";
  static final String SALESFORCE_SECRET = "dummy-salesforce-secret-e2e";
  static final String MLFLOW_TOKEN = "dummy-mlflow-token-e2e";
  static final String SALESFORCE_ACCESS_TOKEN = "00Dxx0000001gPL!dummy-access-token";
  static final String TOKEN_PATH = "/services/oauth2/token";
  static final String SALESFORCE_ID = "a0B5g00000XyZ12EAF";
  static final String MODEL = "claims-ranker";
  static final String MODEL_VERSION = "3";
  static final String RUN_ID = "8f2c0a9e41d7";
  static final String ISSUE = "/rest/api/3/issue";
  static final String MLFLOW = "/api/2.0/mlflow";
  static final List<String> GATES = List.of("SECURITY_REVIEW", "DATA_READINESS", "INTEGRATION", "HITL_VALIDATION", "OPERATIONS_HANDOVER");

  static final FakeJira fakeJira = new FakeJira(PROJECT);
  static final WireMockServer jira = new WireMockServer(wireMockConfig().dynamicPort().extensions(fakeJira));
  static final WireMockServer salesforce = new WireMockServer(wireMockConfig().dynamicPort());
  static final WireMockServer mlflow = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    // before the context: the adapters read their base URLs at start-up
    jira.start();
    salesforce.start();
    mlflow.start();
    fakeJira.baseUrl(jira.baseUrl());
    stubVendors();
  }

  @DynamicPropertySource
  static void vendorUrls(DynamicPropertyRegistry registry) {
    registry.add("runway.jira.base-url", jira::baseUrl);
    registry.add("runway.salesforce.token-url", () -> salesforce.baseUrl() + TOKEN_PATH);
    registry.add("runway.mlflow.tracking-uri", mlflow::baseUrl);
  }

  @AfterAll
  static void stopVendors() {
    jira.stop();
    salesforce.stop();
    mlflow.stop();
  }

  private static void stubVendors() {
    // Jira: the fake answers everything; these two answer first, once each, as a Jira under load does
    jira.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(FakeJira.NAME)));
    jira.stubFor(post(urlEqualTo(ISSUE)).atPriority(1).inScenario("create overloaded").whenScenarioStateIs(STARTED)
        .willReturn(overloaded()).willSetStateTo("recovered"));
    fakeJira.dropAnswerOfCreateLabelled("data-readiness");
    // the first close fails after its comment went in: the retry must find that comment, not post it again
    jira.stubFor(get(urlPathMatching(ISSUE + "/[^/]+")).withQueryParam("fields", equalTo("status")).atPriority(1)
        .inScenario("status overloaded").whenScenarioStateIs(STARTED).willReturn(overloaded()).willSetStateTo("recovered"));

    salesforce.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("grant_type=client_credentials"))
        .willReturn(okJson("""
            {"access_token":"%s","signature":"c2ln","instance_url":"%s","id":"https://login.salesforce.com/id/00D/005",
             "token_type":"Bearer","issued_at":"1764000000000"}""".formatted(SALESFORCE_ACCESS_TOKEN, salesforce.baseUrl()))));
    // upsert by external id: 201 creates the record, 200 updates it after
    String record = "/services/data/v62.0/sobjects/AI_Initiative__c/Runway_Key__c/[^/?]+";
    salesforce.stubFor(patch(urlPathMatching(record)).inScenario("record").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"" + SALESFORCE_ID + "\",\"errors\":[],\"success\":true,\"created\":true}"))
        .willSetStateTo("exists"));
    salesforce.stubFor(patch(urlPathMatching(record)).inScenario("record").whenScenarioStateIs("exists")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"" + SALESFORCE_ID + "\",\"errors\":[],\"success\":true,\"created\":false}")));

    mlflow.stubFor(get(urlEqualTo(MLFLOW + "/model-versions/get?name=" + MODEL + "&version=" + MODEL_VERSION)).willReturn(okJson("""
        {"model_version": {"name": "%s", "version": "%s", "creation_timestamp": 1763892000000, "current_stage": "None",
          "source": "models:/m-7f3e", "run_id": "%s", "status": "READY", "aliases": []}}""".formatted(MODEL, MODEL_VERSION, RUN_ID))));
    mlflow.stubFor(get(urlEqualTo(MLFLOW + "/runs/get?run_id=" + RUN_ID)).willReturn(okJson("""
        {"run": {"info": {"run_id": "%s", "status": "FINISHED"}, "data": {"metrics": [
          {"key": "data_quality_score", "value": 0.91, "timestamp": 1763890000000, "step": 0},
          {"key": "data_quality_score", "value": 0.97, "timestamp": 1763891000000, "step": 1},
          {"key": "null_rate", "value": 0.004, "timestamp": 1763891000000, "step": 1},
          {"key": "auc", "value": 0.88, "timestamp": 1763891000000, "step": 1}],
          "params": [], "tags": []}}}""".formatted(RUN_ID))));
    mlflow.stubFor(post(urlEqualTo(MLFLOW + "/model-versions/set-tag")).willReturn(okJson("{}")));
    mlflow.stubFor(post(urlEqualTo(MLFLOW + "/registered-models/alias")).willReturn(okJson("{}")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder overloaded() {
    return aResponse().withStatus(503).withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
        .withBody("{\"errorMessages\":[\"Service Unavailable\"],\"errors\":{}}");
  }

  @Test
  void minimalInitiativeGoesLiveThroughJiraSalesforceAndMlflowWritingEachRecordOnce() {
    LifecycleSteps steps = new LifecycleSteps(api);
    String key = uniqueKey("e2e-vendors");
    Map<String, Object> launch = completeLaunch(key, "MINIMAL");
    launch.put("modelName", MODEL);
    launch.put("modelVersion", MODEL_VERSION);
    Api.Response launched = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", launch);
    assertThat(launched.status()).as(launched.raw()).isEqualTo(201);

    // a request-changes round: the second decision goes on the same issue
    JsonNode security = steps.inboxTask("security-1", "security", key);
    Api.Response changes = steps.complete("security-1", security, "REQUEST_CHANGES", "add rate limiting to the scoring endpoint", false);
    assertThat(changes.status()).as(changes.raw()).isEqualTo(200);
    JsonNode findings = steps.inboxTask("program-office-2", "program-office", key);
    assertThat(steps.complete("program-office-2", findings, "SUBMIT", "rate limiting added", false).status()).isEqualTo(200);
    steps.approveAs("security-2", steps.inboxTask("security-2", "security", key));

    JsonNode dataReadiness = await("MLflow metrics on the data readiness task",
        () -> steps.inboxTask("data-engineering-1", "data-engineering", key), t -> t.path("metrics").size() > 0);
    assertThat(dataReadiness.path("metrics").path("data_quality_score").asDouble()).as("the latest value of the run's metric").isEqualTo(0.97);
    assertThat(dataReadiness.path("metrics").path("null_rate").asDouble()).isEqualTo(0.004);
    assertThat(dataReadiness.path("metrics").has("freshness_hours")).as("a metric the run did not log is left out").isFalse();
    assertThat(dataReadiness.path("metrics").has("auc")).as("a metric the policy does not name is left out").isFalse();
    steps.approveAs("data-engineering-1", dataReadiness);

    steps.approveAs("engineering-1", steps.inboxTask("engineering-1", "engineering", key));
    // both: the read model reads the view and the timeline in two statements, so one can be a projection behind
    JsonNode waiting = steps.initiativeWhen(key, v -> LifecycleSteps.timelineHas(v, "AWAITING_TICKET")
        && !gate(v, "INTEGRATION").path("ticket").path("id").asString().isEmpty());
    assertThat(waiting.path("stage").asString()).isEqualTo("INTEGRATION");
    String integrationIssue = gate(waiting, "INTEGRATION").path("ticket").path("id").asString();
    assertThat(integrationIssue).isEqualTo(fakeJira.issueLabelled("integration").key);
    // the engineering lead moves the issue to Done in Jira, and Jira tells Runway with a signed webhook
    fakeJira.resolve(integrationIssue);
    String delivery = WebhookSender.jiraIssueDone(integrationIssue);
    Api.Response resolved = api.postRaw("/api/v1/webhooks/jira", bytes(delivery),
        WebhookSender.jiraHeaders(WebhookSender.deliveryId(), delivery, WebhookSender.JIRA_SECRET));
    assertThat(resolved.status()).as(resolved.raw()).isEqualTo(202);
    steps.assertGate(key, "INTEGRATION", "APPROVED");

    steps.approveAs("business-validation-1", steps.inboxTask("business-validation-1", "business-validation", key));
    steps.approveAs("operations-1", steps.inboxTask("operations-1", "operations", key));
    steps.initiativeWhen(key, v -> "IN_PRODUCTION".equals(v.path("stage").asString()));

    // go-live writes MLflow, then Salesforce, then closes tickets beside the lifecycle: wait for the last of each
    await("the production alias in MLflow", () -> requests(mlflow, "POST", MLFLOW + "/registered-models/alias"), r -> !r.isEmpty());
    await("the IN_PRODUCTION upsert in Salesforce", () -> requests(salesforce, "PATCH", null),
        r -> r.stream().anyMatch(e -> "IN_PRODUCTION".equals(body(e).path("Stage__c").asString())));
    JsonNode live = steps.initiativeWhen(key, v -> count(v, "TICKET_CLOSED") == GATES.size());

    assertJiraIssuesOpenedCommentedAndClosedOnce(live);
    assertSalesforceRecordEndsInProduction(key);
    assertMlflowPromotedTheApprovedVersion(key);
    assertThat(count(live, "INTEGRATION_ERROR") + count(live, "INTEGRATION_INCIDENT")).as(live.path("timeline").toString()).isZero();
    assertThat(live.toString()).as("no credential reaches the read model")
        .doesNotContain(JIRA_TOKEN, SALESFORCE_SECRET, SALESFORCE_ACCESS_TOKEN, MLFLOW_TOKEN);
  }

  private void assertJiraIssuesOpenedCommentedAndClosedOnce(JsonNode live) {
    List<ServeEvent> creates = requests(jira, "POST", ISSUE);
    assertThat(creates).as("the first create was refused with 503, then retried; creates sent: %s", describe(creates))
        .hasSize(GATES.size() + 1);
    assertThat(creates.getFirst().getResponse().getStatus()).isEqualTo(503);
    Map<String, Integer> createdPerGate = new LinkedHashMap<>();
    for (ServeEvent create : creates.subList(1, creates.size())) {
      List<String> labels = new ArrayList<>();
      body(create).path("fields").path("labels").forEach(l -> labels.add(l.asString()));
      String gate = GATES.stream().filter(g -> labels.contains(slug(g))).findFirst().orElseThrow(() -> new AssertionError(labels));
      createdPerGate.merge(gate, 1, Integer::sum);
      assertThat(labels).as("the request label the search looks for").anyMatch(l -> l.startsWith("runway-req-"));
      assertThat(body(create).path("properties").get(0).path("key").asString()).as("the request key, set by the create").isEqualTo("runway");
    }
    assertThat(createdPerGate).as("one issue per gate").containsOnlyKeys(GATES).allSatisfy((gate, n) -> assertThat(n).isEqualTo(1));
    assertThat(fakeJira.issues()).as("one issue per gate in Jira").hasSize(GATES.size());

    // the data-readiness create was stored but its answer lost: the retry found that issue instead of making another
    FakeJira.Issue dataIssue = fakeJira.issueLabelled(slug("DATA_READINESS"));
    List<ServeEvent> searches = requests(jira, "POST", "/rest/api/3/search/jql");
    assertThat(searches.stream().filter(s -> s.getResponse().getBodyAsString().contains("\"" + dataIssue.key + "\"")))
        .as("the retry's search found the issue the lost create made").isNotEmpty();
    FakeJira.Issue securityIssue = fakeJira.issueLabelled(slug("SECURITY_REVIEW"));

    List<ServeEvent> statusReads = journal(jira, e -> e.getRequest().getUrl().endsWith("?fields=status"));
    assertThat(statusReads.getFirst().getResponse().getStatus()).as("the first close failed after commenting").isEqualTo(503);
    assertThat(statusReads.getFirst().getRequest().getUrl()).isEqualTo(ISSUE + "/" + securityIssue.key + "?fields=status");

    String basic = "Basic " + Base64.getEncoder().encodeToString(("runway-bot@example.com:" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));
    assertThat(jira.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getHeader("Authorization")).isEqualTo(basic));

    Map<String, List<String>> expectedComments = Map.of(
        "SECURITY_REVIEW", List.of("REQUEST_CHANGES by security-1: add rate limiting to the scoring endpoint",
            "APPROVE by security-2: meets the bar", "SECURITY_REVIEW approved"),
        "DATA_READINESS", List.of("APPROVE by data-engineering-1: meets the bar", "DATA_READINESS approved"),
        "INTEGRATION", List.of("APPROVE by engineering-1: meets the bar", "INTEGRATION approved"),
        "HITL_VALIDATION", List.of("APPROVE by business-validation-1: meets the bar", "HITL_VALIDATION approved"),
        "OPERATIONS_HANDOVER", List.of("APPROVE by operations-1: meets the bar", "OPERATIONS_HANDOVER approved"));
    for (String gate : GATES) {
      FakeJira.Issue issue = fakeJira.issueLabelled(slug(gate));
      JsonNode ticket = gate(live, gate).path("ticket");
      assertThat(ticket.path("system").asString()).isEqualTo("jira");
      assertThat(ticket.path("id").asString()).isEqualTo(issue.key);
      assertThat(ticket.path("url").asString()).isEqualTo(jira.baseUrl() + "/browse/" + issue.key);

      List<List<String>> comments = requests(jira, "POST", ISSUE + "/" + issue.key + "/comment").stream()
          .map(e -> texts(body(e).path("body"))).toList();
      assertThat(comments.stream().map(List::getFirst).toList()).as(gate + ": each decision commented once")
          .containsExactlyElementsOf(expectedComments.get(gate));
      List<String> markers = comments.stream().map(List::getLast).toList();
      assertThat(markers).allMatch(m -> m.startsWith("runway:")).doesNotHaveDuplicates();

      List<ServeEvent> transitions = requests(jira, "POST", ISSUE + "/" + issue.key + "/transitions");
      if ("INTEGRATION".equals(gate)) {
        assertThat(transitions).as("already Done in Jira: Runway does not move it again").isEmpty();
      } else {
        assertThat(transitions).as(gate + " transitioned once, with Done").singleElement()
            .satisfies(t -> assertThat(body(t).path("transition").path("id").asString()).isEqualTo(FakeJira.DONE_TRANSITION_ID));
      }
      assertThat(issue.statusCategory).isEqualTo("done");
    }
  }

  private void assertSalesforceRecordEndsInProduction(String key) {
    assertThat(requests(salesforce, "POST", TOKEN_PATH)).as("the token is fetched once and cached").hasSize(1);
    List<ServeEvent> upserts = requests(salesforce, "PATCH", null);
    assertThat(upserts).isNotEmpty().allSatisfy(e -> {
      assertThat(e.getRequest().getUrl()).isEqualTo("/services/data/v62.0/sobjects/AI_Initiative__c/Runway_Key__c/" + key);
      assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + SALESFORCE_ACCESS_TOKEN);
    });
    List<JsonNode> bodies = upserts.stream().map(EndToEndWithVendorsTest::body).toList();
    assertThat(bodies).filteredOn(b -> "IN_PRODUCTION".equals(b.path("Stage__c").asString())).as("one go-live upsert").hasSize(1);
    JsonNode last = bodies.getLast();
    assertThat(last.path("Stage__c").asString()).as("the last write is the go-live, not lost behind an older one")
        .isEqualTo("IN_PRODUCTION");
    LocalDate goLive = LocalDate.parse(last.path("Go_Live_Date__c").asString());
    assertThat(goLive).isBetween(LocalDate.now(ZoneOffset.UTC).minusDays(1), LocalDate.now(ZoneOffset.UTC).plusDays(1));
    assertThat(last.path("Name").asString()).isEqualTo("Test initiative " + key);
    assertThat(last.path("Risk_Tier__c").asString()).isEqualTo("MINIMAL");
    assertThat(last.path("Business_Owner__c").asString()).isEqualTo("bea.owner");
    assertThat(bodies.subList(0, bodies.size() - 1)).allSatisfy(b -> assertThat(b.path("Go_Live_Date__c").isNull()).isTrue());
  }

  private void assertMlflowPromotedTheApprovedVersion(String key) {
    assertThat(mlflow.getAllServeEvents()).allSatisfy(e ->
        assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + MLFLOW_TOKEN));
    List<ServeEvent> tags = requests(mlflow, "POST", MLFLOW + "/model-versions/set-tag");
    Map<String, String> tagged = new LinkedHashMap<>();
    tags.forEach(t -> {
      JsonNode tag = body(t);
      assertThat(tag.path("name").asString()).isEqualTo(MODEL);
      assertThat(tag.path("version").asString()).isEqualTo(MODEL_VERSION);
      assertThat(tagged.put(tag.path("key").asString(), tag.path("value").asString())).as("each tag set once").isNull();
    });
    assertThat(tagged).containsOnlyKeys("runway.approved_by", "runway.approved_at", "runway.initiative")
        .containsEntry("runway.approved_by", "operations-1").containsEntry("runway.initiative", key);
    assertThat(tagged.get("runway.approved_at")).isNotBlank();
    List<ServeEvent> aliases = requests(mlflow, "POST", MLFLOW + "/registered-models/alias");
    assertThat(aliases).singleElement().satisfies(a -> assertThat(body(a)).isEqualTo(
        Api.JSON.readTree("{\"name\":\"" + MODEL + "\",\"alias\":\"production\",\"version\":\"" + MODEL_VERSION + "\"}")));
    List<java.util.UUID> order = journal(mlflow, e -> true).stream().map(ServeEvent::getId).toList();
    assertThat(order.indexOf(aliases.getFirst().getId())).as("the alias moves after the version says who approved it")
        .isGreaterThan(order.indexOf(tags.getLast().getId()));
  }

  /** The requests a vendor received, oldest first; {@code path} null for any path. */
  private static List<ServeEvent> requests(WireMockServer server, String method, String path) {
    return journal(server, e -> method.equals(e.getRequest().getMethod().getName())
        && (path == null || path.equals(URI.create(e.getRequest().getUrl()).getPath())));
  }

  private static List<ServeEvent> journal(WireMockServer server, Predicate<ServeEvent> filter) {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events); // WireMock lists the newest first
    return events.stream().filter(filter).toList();
  }

  /** Each request as "status labels", so a failure shows which gate got a second issue. */
  private static List<String> describe(List<ServeEvent> creates) {
    return creates.stream().map(e -> e.getResponse().getStatus() + " " + body(e).path("fields").path("labels")).toList();
  }

  private static JsonNode body(ServeEvent event) {
    return Api.JSON.readTree(event.getRequest().getBodyAsString());
  }

  /** The text nodes of an Atlassian Document Format document, in order. */
  private static List<String> texts(JsonNode adf) {
    List<String> texts = new ArrayList<>();
    if ("text".equals(adf.path("type").asString())) {
      texts.add(adf.path("text").asString());
    }
    adf.path("content").forEach(child -> texts.addAll(texts(child)));
    return texts;
  }

  private static JsonNode gate(JsonNode view, String gate) {
    for (JsonNode g : view.path("gates")) {
      if (gate.equals(g.path("gate").asString())) {
        return g;
      }
    }
    throw new AssertionError("no gate " + gate + " in " + view);
  }

  private static long count(JsonNode view, String type) {
    return Lifecycles.count(view, type);
  }

  private static String slug(String gate) {
    return gate.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
