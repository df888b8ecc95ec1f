package io.runway.activities.ticketing.servicenow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.runway.lifecycle.activity.TicketUpdate;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import io.runway.activities.ledger.WriteLedger;
import io.runway.activities.testing.PostgresExtension;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.runway.lifecycle.model.TicketEvent;
import io.runway.lifecycle.model.TicketRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Work notes, state changes and the Table API's failure answers. */
@ExtendWith(PostgresExtension.class)
class ServiceNowTicketUpdatesTest {

  // WireMock's own extension starts the stub server once per class and resets it after each test
  @RegisterExtension
  static final WireMockExtension snow = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  static final String TABLE = "/api/now/table/change_request";
  static final String SYS_ID = "a9e30c7dc61122760116894de7bcc7bd";
  static final String KEY = "fraud-scoring/security-review/1/comment-7";

  private ServiceNowTicketingActivities tickets;



  @BeforeEach
  void reset(DataSource dataSource) {
    tickets = new ServiceNowTicketingActivities(ServiceNowTicketingActivitiesTest.properties(snow.baseUrl(), null),
        new WriteLedger(JdbcClient.create(dataSource)));
    snow.stubFor(patch(urlPathEqualTo(TABLE + "/" + SYS_ID)).willReturn(okJson("{\"result\":{\"sys_id\":\"" + SYS_ID + "\"}}")));
  }

  /** The record as a display_value=all read shows it: journal text under work_notes, raw state under value. */
  private static String record(String stateValue, String stateLabel, String workNotes) {
    return """
        {"result":[{"sys_id":{"display_value":"%s","value":"%s"},"state":{"display_value":"%s","value":"%s"},
          "work_notes":{"display_value":"%s","value":""}}]}""".formatted(SYS_ID, SYS_ID, stateLabel, stateValue, workNotes);
  }

  private static void recordReads(String scenarioState, String body, String stateAfterPatch) {
    snow.stubFor(get(urlPathEqualTo(TABLE)).withQueryParam("sysparm_query", equalTo("number=CHG0030001"))
        .withQueryParam("sysparm_display_value", equalTo("all"))
        .inScenario("update").whenScenarioStateIs(scenarioState).willReturn(okJson(body)));
    if (stateAfterPatch != null) {
      snow.stubFor(patch(urlPathEqualTo(TABLE + "/" + SYS_ID)).inScenario("update").whenScenarioStateIs(scenarioState)
          .willReturn(okJson("{\"result\":{\"sys_id\":\"" + SYS_ID + "\"}}")).willSetStateTo(stateAfterPatch));
    }
  }

  private static TicketUpdate update(String status) {
    return new TicketUpdate(KEY, "CHG0030001", "Approved by sam: controls in place.", status);
  }

  @ParameterizedTest(name = "state {0} reads as {1}")
  @CsvSource({"3, RESOLVED", "4, CANCELLED", "-1, -1"})
  void theStatusReadSaysResolvedOnlyInTheDoneState(String state, String status) {
    snow.stubFor(get(urlPathEqualTo(TABLE)).withQueryParam("sysparm_query", equalTo("number=CHG0030001"))
        .willReturn(okJson("{\"result\":[{\"sys_id\":\"" + SYS_ID + "\",\"state\":\"" + state + "\"}]}")));

    TicketEvent read = tickets.readStatus(new TicketRef("servicenow", "CHG0030001", "https://x"));

    assertThat(read.status()).isEqualTo(status);
    assertThat(read.resolved()).isEqualTo("RESOLVED".equals(status));
  }

  @Test
  void aCommentBecomesOneWorkNoteEvenWhenTheUpdateIsRetried() {
    recordReads(STARTED, record("-4", "Assess", ""), "noted");
    recordReads("noted", record("-4", "Assess",
        "2026-11-23 10:00:00 - Runway Integration (Work notes)\\nApproved by sam: controls in place.\\n\\n[runway:" + KEY + "]\\n\\n"), null);

    tickets.updateTicket(update(null));
    tickets.updateTicket(update(null));

    snow.verify(1, patchRequestedFor(urlPathEqualTo(TABLE + "/" + SYS_ID)).withRequestBody(equalToJson(
        "{\"work_notes\":\"Approved by sam: controls in place.\\n\\n[runway:" + KEY + "]\"}")));
    snow.verify(1, patchRequestedFor(urlPathEqualTo(TABLE + "/" + SYS_ID)));
  }

  @Test
  void doneClosesTheChangeWithACloseCodeAndTheNoteInOnePatch() {
    recordReads(STARTED, record("0", "Review", ""), null);

    tickets.updateTicket(update("DONE"));

    snow.verify(1, patchRequestedFor(urlPathEqualTo(TABLE + "/" + SYS_ID)).withRequestBody(equalToJson("""
        {"work_notes":"Approved by sam: controls in place.\\n\\n[runway:%s]","state":"3","close_code":"successful",
         "close_notes":"Approved by sam: controls in place."}""".formatted(KEY))));
  }

  @Test
  void cancelledMovesToTheCanceledState() {
    recordReads(STARTED, record("-5", "New", "[runway:" + KEY + "]"), null);

    tickets.updateTicket(update("CANCELLED"));

    snow.verify(1, patchRequestedFor(urlPathEqualTo(TABLE + "/" + SYS_ID)).withRequestBody(equalToJson("{\"state\":\"4\"}")));
  }

  @Test
  void aChangeAlreadyInTheTargetStateWithTheNoteIsLeftAlone() {
    recordReads(STARTED, record("3", "Closed", "[runway:" + KEY + "]"), null);

    tickets.updateTicket(update("DONE"));

    snow.verify(0, patchRequestedFor(urlPathEqualTo(TABLE + "/" + SYS_ID)));
  }

  @Test
  void anUnknownNumberIsAFinalFailure() {
    recordReads(STARTED, "{\"result\":[]}", null);

    assertThatThrownBy(() -> tickets.updateTicket(update(null)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getOriginalMessage()).isEqualTo("ServiceNow has no change_request numbered CHG0030001");
        });
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource(delimiter = '|', textBlock = """
      400 |    | true  | {"error":{"message":"Invalid query","detail":"sysparm_query is malformed"},"status":"failure"}
      401 |    | true  | {"error":{"message":"User Not Authenticated","detail":"Required to provide Auth information"},"status":"failure"}
      404 |    | true  | {"error":{"message":"Invalid table change_requestx","detail":null},"status":"failure"}
      429 | 30 | false | {"error":{"message":"Rate limit exceeded","detail":"Too many requests"},"status":"failure"}
      500 |    | false | {"error":{"message":"Internal server error","detail":null},"status":"failure"}
      """)
  void failuresFollowTheSharedRulesAndQuoteServiceNow(int status, Integer retryAfter, boolean permanent, String body) {
    var answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    if (retryAfter != null) {
      answer.withHeader("Retry-After", retryAfter.toString());
    }
    snow.stubFor(get(urlPathEqualTo(TABLE)).willReturn(answer));

    assertThatThrownBy(() -> tickets.updateTicket(update("DONE")))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isEqualTo(permanent);
          assertThat(f.getOriginalMessage()).startsWith("ServiceNow find change request CHG0030001 answered HTTP " + status)
              .contains(body.substring(20, 40))
              .doesNotContain("pa55-word").doesNotContain("cnVud2F5");
          assertThat(f.getNextRetryDelay()).isEqualTo(retryAfter == null ? null : Duration.ofSeconds(retryAfter));
        });
    snow.verify(0, patchRequestedFor(urlPathEqualTo(TABLE + "/" + SYS_ID)));
  }
}
