package io.runway.activities.ticketing.servicenow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.http.Fault;
import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import io.runway.activities.ledger.WriteLedger;
import io.runway.activities.testing.PostgresExtension;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Opening and updating change requests against a stub shaped like the ServiceNow Table API. */
@ExtendWith(PostgresExtension.class)
class ServiceNowTicketingActivitiesTest {

  // WireMock's own extension starts the stub server once per class and resets it after each test
  @RegisterExtension
  static final WireMockExtension snow = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  static final String TABLE = "/api/now/table/change_request";
  static final String KEY = "fraud-scoring/security-review/1";
  static final String SYS_ID = "a9e30c7dc61122760116894de7bcc7bd";
  static final String FOUND = "{\"result\":[" + record(SYS_ID, "CHG0030001", KEY) + "]}";
  static final String NONE = "{\"result\":[]}";

  private ServiceNowTicketingActivities tickets;



  private WriteLedger ledger;

  @BeforeEach
  void reset(DataSource dataSource) {
    ledger = new WriteLedger(JdbcClient.create(dataSource));
    tickets = new ServiceNowTicketingActivities(properties(null), ledger);
  }

  static ServiceNowProperties properties(String token) {
    return properties(snow.baseUrl(), token);
  }

  static ServiceNowProperties properties(String baseUrl, String token) {
    return new ServiceNowProperties(baseUrl, "runway.integration", "pa55-word", token, null, null, null, null, null,
        Duration.ofSeconds(2));
  }

  static TicketRequest request() {
    return new TicketRequest(KEY, "fraud-scoring", Gate.SECURITY_REVIEW, "Security review: Fraud scoring",
        "Review the model's data flows.", List.of("runway", "fraud-scoring"));
  }

  static String record(String sysId, String number, String correlationId) {
    return "{\"sys_id\":\"" + sysId + "\",\"number\":\"" + number + "\",\"correlation_id\":\"" + correlationId + "\"}";
  }

  private static void lookupAnswers(String scenarioState, String body, String nextState) {
    snow.stubFor(get(urlPathEqualTo(TABLE))
        .withQueryParam("sysparm_query", equalTo("correlation_id=" + KEY + "^ORDERBYsys_created_on^ORDERBYnumber"))
        .inScenario("open").whenScenarioStateIs(scenarioState).willReturn(okJson(body)));
    if (nextState != null) {
      snow.stubFor(post(urlPathEqualTo(TABLE)).inScenario("open").whenScenarioStateIs(scenarioState)
          .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
              .withBody("{\"result\":{\"sys_id\":\"" + SYS_ID + "\",\"number\":\"CHG0030001\",\"state\":\"-5\"}}"))
          .willSetStateTo(nextState));
    }
  }

  @Test
  void opensAChangeRequestCorrelatedByTheRequestKey() {
    lookupAnswers(STARTED, NONE, "created");
    lookupAnswers("created", FOUND, null);

    TicketRef ref = tickets.openTicket(request());

    assertThat(ref).isEqualTo(new TicketRef("servicenow", "CHG0030001",
        snow.baseUrl() + "/nav_to.do?uri=change_request.do?sys_id=" + SYS_ID));
    snow.verify(postRequestedFor(urlPathEqualTo(TABLE))
        .withHeader("Authorization", equalTo("Basic cnVud2F5LmludGVncmF0aW9uOnBhNTUtd29yZA=="))
        .withRequestBody(equalToJson("""
            {"short_description":"Security review: Fraud scoring","category":"other",
             "correlation_id":"fraud-scoring/security-review/1","correlation_display":"Runway"}""", true, true))
        .withRequestBody(matchingJsonPath("$.description", containing("Gate: security-review"))));
  }

  @Test
  void aSecondOpenFindsTheFirstChangeRequestInsteadOfPostingAgain() {
    lookupAnswers(STARTED, NONE, "created");
    lookupAnswers("created", FOUND, null);

    TicketRef first = tickets.openTicket(request());
    TicketRef second = tickets.openTicket(request());

    assertThat(second).isEqualTo(first);
    snow.verify(1, postRequestedFor(urlPathEqualTo(TABLE)));
  }

  @Test
  void aRetryAfterTheCreateAnswerWasLostFindsTheRecordByCorrelationId() {
    lookupAnswers(STARTED, NONE, null);
    // ServiceNow stores the record, then the connection drops before the activity sees the answer
    snow.stubFor(post(urlPathEqualTo(TABLE)).inScenario("open").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("created"));
    lookupAnswers("created", FOUND, null);

    assertThatThrownBy(() -> tickets.openTicket(request()))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isFalse());
    TicketRef retried = tickets.openTicket(request());

    assertThat(retried.id()).isEqualTo("CHG0030001");
    snow.verify(1, postRequestedFor(urlPathEqualTo(TABLE)));
  }

  @Test
  void aHitWithoutThisRequestsCorrelationIdIsNotAdopted() {
    lookupAnswers(STARTED, "{\"result\":[" + record("b1", "CHG0029999", "other-initiative/security-review/1") + "]}", "created");
    lookupAnswers("created", FOUND, null);

    assertThat(tickets.openTicket(request()).id()).isEqualTo("CHG0030001");

    snow.verify(1, postRequestedFor(urlPathEqualTo(TABLE)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{}", "{\"result\":{}}", "{\"result\":\"none\"}"})
  void aLookupAnswerWithoutAResultListIsRetriedAndNeverLeadsToACreate(String answer) {
    lookupAnswers(STARTED, answer, "created");

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> tickets.openTicket(request()));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("ServiceNowMalformed");
    snow.verify(0, postRequestedFor(urlPathEqualTo(TABLE)));
  }

  @Test
  void aCreatedAnswerWithoutTheNewRecordsNumberIsAnErrorNotATicket() {
    lookupAnswers(STARTED, NONE, null);
    snow.stubFor(post(urlPathEqualTo(TABLE)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"result\":{}}")));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> tickets.openTicket(request()));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("answered without the new record's sys_id and number");
  }

  @Test
  void whenTheCheckRightAfterACreateFindsAnEarlierChangeForTheKeyThatOneIsAdoptedAndTheNewOneCancelled() {
    lookupAnswers(STARTED, NONE, "created");
    lookupAnswers("created", "{\"result\":[" + record("e1", "CHG0029999", KEY) + "," + record(SYS_ID, "CHG0030001", KEY) + "]}", null);
    snow.stubFor(patch(urlPathEqualTo(TABLE + "/" + SYS_ID)).willReturn(okJson("{\"result\":{\"sys_id\":\"" + SYS_ID + "\"}}")));

    assertThat(tickets.openTicket(request()).id()).isEqualTo("CHG0029999");

    snow.verify(1, patchRequestedFor(urlPathEqualTo(TABLE + "/" + SYS_ID)).withRequestBody(equalToJson(
        "{\"correlation_id\":\"" + KEY + "#duplicate\",\"state\":\"4\"}", true, true)));
  }

  @Test
  void aBearerTokenReplacesBasicAuthWhenConfigured() {
    lookupAnswers(STARTED, FOUND, null);

    new ServiceNowTicketingActivities(properties("oauth-t0ken"), ledger).openTicket(request());

    snow.verify(getRequestedFor(urlPathEqualTo(TABLE))
        .withHeader("Authorization", equalTo("Bearer oauth-t0ken")));
  }

  @Test
  void choosingServiceNowWithoutItsSettingsStopsStartUpNamingEveryMissingOne() {
    ApplicationContextRunner app = new ApplicationContextRunner().withUserConfiguration(ServiceNowTicketingActivities.class)
        .withBean(WriteLedger.class, () -> ledger);

    app.withPropertyValues("runway.ticketing.provider=servicenow", "runway.servicenow.instance-url=https://acme.service-now.com",
        "runway.servicenow.username=runway", "runway.servicenow.password=pa55-word", "runway.servicenow.done-state=7")
        .run(context -> assertThat(context.getBean(ServiceNowProperties.class).doneState()).isEqualTo("7"));
    app.withPropertyValues("runway.ticketing.provider=local").run(context -> assertThat(context).doesNotHaveBean("ticketingActivities"));
    app.withPropertyValues("runway.ticketing.provider=servicenow").run(context -> assertThat(context.getStartupFailure()).rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("runway.ticketing.provider=servicenow needs runway.servicenow.instance-url and "
            + "runway.servicenow.username with RUNWAY_SERVICENOW_PASSWORD, or RUNWAY_SERVICENOW_TOKEN"));
    assertThat(properties("t").toString()).doesNotContain("pa55-word").doesNotContain("=t,");
  }
}
