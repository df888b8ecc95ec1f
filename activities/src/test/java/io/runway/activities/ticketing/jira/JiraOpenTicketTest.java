package io.runway.activities.ticketing.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import io.runway.activities.json.RunwayJson;
import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JiraOpenTicketTest extends JiraStubbedTest {

  private static final String REQUEST_KEY = "INI-42/security-review/1";
  private static final TicketRequest REQUEST = new TicketRequest(REQUEST_KEY, "INI-42", Gate.SECURITY_REVIEW,
      "Security review: churn model", "Review the churn model.\n\nData: CRM exports", List.of("runway", "runway-INI-42", "security review"));
  private static final String LABEL = JiraTicketingActivities.requestLabel(REQUEST_KEY);

  @Test
  void opensOneIssueWithAnAdfDescriptionLabelsAndTheRequestKeyPropertyInOneCall() throws Exception {
    issueIndexedOnceCreated("SEC-7", LABEL, REQUEST_KEY);

    TicketRef ticket = adapter.openTicket(REQUEST);

    assertThat(ticket).isEqualTo(new TicketRef("jira", "SEC-7", jira.baseUrl() + "/browse/SEC-7"));
    JsonNode create = RunwayJson.mapper().readTree(jira.findAll(postRequestedFor(urlEqualTo("/rest/api/3/issue"))).getFirst().getBodyAsString());
    JsonNode fields = create.path("fields");
    assertThat(fields.path("project").path("key").asText()).isEqualTo("SEC");
    assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Task");
    assertThat(fields.path("summary").asText()).isEqualTo("Security review: churn model");
    assertThat(fields.path("description").path("type").asText()).isEqualTo("doc");
    assertThat(fields.path("description").path("content").findValuesAsText("text")).containsExactly("Review the churn model.", "Data: CRM exports");
    assertThat(fields.path("labels")).extracting(JsonNode::asText).containsExactly("runway", "runway-INI-42", "security-review", LABEL);
    assertThat(create.path("properties")).hasSize(1);
    assertThat(create.path("properties").get(0).path("key").asText()).isEqualTo("runway");
    assertThat(RunwayJson.write(create.path("properties").get(0).path("value")))
        .isEqualTo("{\"requestKey\":\"INI-42/security-review/1\",\"initiativeKey\":\"INI-42\",\"gate\":\"SECURITY_REVIEW\"}");
    jira.verify(0, putRequestedFor(urlEqualTo("/rest/api/3/issue/SEC-7/properties/runway")));
  }

  @Test
  void theLookupBeforeACreateAsksForLabelsAndTheRunwayPropertyAndTheCheckAfterItReconcilesTheNewIssue() {
    issueIndexedOnceCreated("SEC-7", LABEL, REQUEST_KEY);

    adapter.openTicket(REQUEST);

    var searches = jira.findAll(postRequestedFor(urlEqualTo(JiraApi.SEARCH)));
    assertThat(searches).hasSize(2);
    String lookup = """
        {"jql": "project = \\"SEC\\" AND (labels = \\"%s\\" OR issue.property[runway].requestKey = \\"INI-42/security-review/1\\") ORDER BY created ASC",
         "fields": ["summary", "status", "labels"], "properties": ["runway"], "maxResults": 10%s}""";
    jira.verify(1, postRequestedFor(urlEqualTo(JiraApi.SEARCH)).withRequestBody(equalToJson(lookup.formatted(LABEL, ""))));
    jira.verify(1, postRequestedFor(urlEqualTo(JiraApi.SEARCH)).withRequestBody(equalToJson(lookup.formatted(LABEL, ", \"reconcileIssues\": [10042]"))));
  }

  @Test
  void openingAgainWithTheSameRequestKeyReadsTheRecordedIssueDirectlyWithoutSearching() {
    issueIndexedOnceCreated("SEC-7", LABEL, REQUEST_KEY);

    TicketRef first = adapter.openTicket(REQUEST);
    int searchesBefore = jira.findAll(postRequestedFor(urlEqualTo(JiraApi.SEARCH))).size();
    TicketRef again = adapter.openTicket(REQUEST);

    assertThat(again).isEqualTo(first);
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
    assertThat(jira.findAll(postRequestedFor(urlEqualTo(JiraApi.SEARCH)))).hasSize(searchesBefore);
    jira.verify(1, getRequestedFor(urlEqualTo("/rest/api/3/issue/10042?fields=summary,status,labels&properties=runway")));
  }

  @Test
  void aRetryAfterACreateWhoseAnswerWasLostFindsTheIssueByItsLabelInsteadOfCreatingAnother() {
    issueIndexedOnceCreated("SEC-7", LABEL, REQUEST_KEY);
    // Jira stores the issue, then the connection drops before the answer
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).inScenario("index").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("created"));
    assertThatThrownBy(() -> adapter.openTicket(REQUEST)).isInstanceOfSatisfying(ApplicationFailure.class,
        failure -> assertThat(failure.isNonRetryable()).isFalse());

    TicketRef retried = adapter.openTicket(REQUEST);

    assertThat(retried.id()).isEqualTo("SEC-7");
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
  }

  @Test
  void aRetryAfterACreateJiraRefusedWith503CreatesAtOnceWithoutWaitingOutTheSearchLag() {
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).willReturn(json(200, searchResult())));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).inScenario("busy").whenScenarioStateIs(STARTED)
        .willReturn(json(503, error("\"Service Unavailable\"", "")).withHeader("Retry-After", "1")).willSetStateTo("recovered"));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).inScenario("busy").whenScenarioStateIs("recovered")
        .willReturn(json(201, created("SEC-7"))));
    assertThatThrownBy(() -> adapter.openTicket(REQUEST)).isInstanceOf(ApplicationFailure.class);

    long started = System.nanoTime();
    assertThat(adapter.openTicket(REQUEST).id()).isEqualTo("SEC-7");

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a refused create made nothing to wait for").isLessThan(SEARCH_LAG);
  }

  @Test
  void anIssueSearchDidNotShowBeforeTheCreateWinsAndTheNewOneIsRelabelledAsADuplicate() {
    // an attempt Runway lost track of made SEC-5 (id 10041); search lags and shows it only after this create
    String earlier = issueBean("10041", "SEC-5", LABEL, REQUEST_KEY);
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).inScenario("lag").whenScenarioStateIs(STARTED)
        .willReturn(json(200, searchResult())));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).inScenario("lag").whenScenarioStateIs(STARTED)
        .willReturn(json(201, created("SEC-7"))).willSetStateTo("indexed"));
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).inScenario("lag").whenScenarioStateIs("indexed")
        .willReturn(json(200, searchResult(issueBean("10042", "SEC-7", LABEL, REQUEST_KEY), earlier))));
    jira.stubFor(put(urlEqualTo("/rest/api/3/issue/SEC-7")).willReturn(aResponse().withStatus(204)));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue/SEC-7/comment")).willReturn(json(201, "{\"id\":\"1\"}")));
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/10041")).willReturn(json(200, earlier)));

    TicketRef ticket = adapter.openTicket(REQUEST);

    assertThat(ticket.id()).as("the earlier issue is the request's ticket").isEqualTo("SEC-5");
    jira.verify(1, putRequestedFor(urlEqualTo("/rest/api/3/issue/SEC-7")).withRequestBody(equalToJson(
        "{\"update\":{\"labels\":[{\"remove\":\"" + LABEL + "\"},{\"add\":\"runway-duplicate\"}]}}")));
    assertThat(jira.findAll(postRequestedFor(urlEqualTo("/rest/api/3/issue/SEC-7/comment"))).getFirst().getBodyAsString())
        .contains("Duplicate of SEC-5");
    // asked again, the recorded id is the earlier issue's: nothing is created or relabelled twice
    assertThat(adapter.openTicket(REQUEST).id()).isEqualTo("SEC-5");
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
    jira.verify(1, putRequestedFor(urlEqualTo("/rest/api/3/issue/SEC-7")));
  }

  @Test
  void aHitWithoutThisRequestsLabelOrPropertyIsAnotherInitiativesIssueAndIsNotAdopted() {
    String someoneElses = issueBean("10001", "SEC-1", "runway-req-0000000000000000", "OTHER-7/security-review/1");
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).willReturn(json(200, searchResult(someoneElses))));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(json(201, created("SEC-7"))));

    TicketRef ticket = adapter.openTicket(REQUEST);

    assertThat(ticket.id()).isEqualTo("SEC-7");
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
  }

  @Test
  void anIssueOfAnOlderRunwayFoundByItsLabelGetsTheRunwayProperty() {
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).willReturn(json(200, searchResult(issueBean("10042", "SEC-7", LABEL, null)))));
    jira.stubFor(put(urlEqualTo("/rest/api/3/issue/SEC-7/properties/runway")).willReturn(aResponse().withStatus(200)));

    assertThat(adapter.openTicket(REQUEST).id()).isEqualTo("SEC-7");

    jira.verify(0, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
    jira.verify(1, putRequestedFor(urlEqualTo("/rest/api/3/issue/SEC-7/properties/runway")).withRequestBody(
        equalToJson("{\"requestKey\":\"INI-42/security-review/1\",\"initiativeKey\":\"INI-42\",\"gate\":\"SECURITY_REVIEW\"}")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{}", "{\"issues\":\"not-a-list\"}", "{\"issues\":[{\"fields\":{}}]}"})
  void aSearchAnswerWithoutTheDocumentedShapeIsRetriedAndNeverLeadsToACreate(String answer) {
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).willReturn(json(200, answer)));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> adapter.openTicket(REQUEST));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("JiraMalformed");
    jira.verify(0, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "{}", "{\"id\":\"10042\",\"self\":\"x\"}", "{\"id\":\"10042\",\"key\":\"\"}"})
  void aCreatedAnswerWithoutTheNewIssuesKeyIsAnErrorNotATicket(String answer) {
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).willReturn(json(200, searchResult())));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(json(201, answer)));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> adapter.openTicket(REQUEST));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("create issue answered without the new issue's id and key");
  }

  @Test
  void aValidationErrorIsFinalAndCarriesJirasText() {
    issueIndexedOnceCreated("SEC-7", LABEL, REQUEST_KEY);
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue"))
        .willReturn(json(400, error("", "\"issuetype\":\"Specify a valid issue type\""))));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> adapter.openTicket(REQUEST));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).startsWith("Jira create issue answered HTTP 400").contains("Specify a valid issue type");
  }

  @Test
  void badCredentialsAreFinalAndTheTokenIsNowhereInTheFailure() {
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).willReturn(json(401, error("\"Client must be authenticated to access this resource.\"", ""))));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> adapter.openTicket(REQUEST));

    assertThat(failure.isNonRetryable()).isTrue();
    String basic = Base64.getEncoder().encodeToString(("runway@example.com:" + TOKEN).getBytes(StandardCharsets.UTF_8));
    assertThat(failure.getOriginalMessage()).contains("HTTP 401").doesNotContain(TOKEN).doesNotContain(basic).doesNotContain("Basic");
    // Jira's spec allows anonymous calls, so the contract check cannot see a missing header: check it here
    jira.verify(postRequestedFor(urlEqualTo(JiraApi.SEARCH)).withHeader("Authorization", equalTo("Basic " + basic)));
  }

  @Test
  void throttlingRetriesAfterJirasRetryAfter() {
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).willReturn(json(429, error("\"Rate limit exceeded.\"", "")).withHeader("Retry-After", "30")));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> adapter.openTicket(REQUEST));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aServerErrorIsRetriedWithTheActivitysBackoff() {
    issueIndexedOnceCreated("SEC-7", LABEL, REQUEST_KEY);
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(json(500, error("\"Internal server error\"", ""))));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> adapter.openTicket(REQUEST));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isNull();
  }
}
