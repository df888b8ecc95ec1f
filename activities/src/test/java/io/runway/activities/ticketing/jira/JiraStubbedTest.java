package io.runway.activities.ticketing.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.runway.activities.ledger.WriteLedger;
import io.runway.activities.testing.PostgresExtension;
import javax.sql.DataSource;

/**
 * A stubbed Jira Cloud site answering as the real one does (string ids, key and self, error bodies
 * with errorMessages and errors). After every test, each request the adapter sent must follow Jira's API.
 */
@ExtendWith(PostgresExtension.class)
abstract class JiraStubbedTest {

  static final String TOKEN = "s3cr3t-t0ken-for-tests";
  static final String PROJECT = "SEC";
  static final Duration SEARCH_LAG = Duration.ofSeconds(5);
  static WireMockServer jira;
  JiraTicketingActivities adapter;

  @BeforeAll
  static void startJira() {
    jira = new WireMockServer(wireMockConfig().dynamicPort());
    jira.start();
  }

  @AfterAll
  static void stopJira() {
    jira.stop();
  }

  @BeforeEach
  void freshSite(DataSource dataSource) {
    jira.resetAll();
    adapter = new JiraTicketingActivities(properties(), new WriteLedger(JdbcClient.create(dataSource)));
  }

  @AfterEach
  void everyRequestSentFollowsJirasApi() {
    assertThat(JiraContract.violations(jira.getAllServeEvents())).isEmpty();
  }

  /** The timeout is generous: a cold WireMock on a busy two-core machine can take seconds to answer first. */
  static JiraProperties properties() {
    return new JiraProperties(URI.create(jira.baseUrl()), "runway@example.com", TOKEN, PROJECT, "Task", "Done", "Cancel",
        Duration.ofSeconds(10), SEARCH_LAG);
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
  }

  static String error(String errorMessages, String errors) {
    return "{\"errorMessages\":[" + errorMessages + "],\"errors\":{" + errors + "}}";
  }

  /** An issue as search and get-issue show it: its labels and, when {@code requestKey} is set, its runway property. */
  static String issueBean(String id, String issueKey, String label, String requestKey) {
    return """
        {"expand":"","id":"%s","self":"%s/rest/api/3/issue/%s","key":"%s","fields":{"summary":"Security review","labels":["runway","%s"],
         "status":{"name":"To Do","statusCategory":{"key":"new"}}},"properties":{%s}}"""
        .formatted(id, jira.baseUrl(), id, issueKey, label, requestKey == null ? "" : "\"runway\":{\"requestKey\":\"" + requestKey + "\"}");
  }

  static String searchResult(String... issueBeans) {
    return "{\"issues\":[" + String.join(",", issueBeans) + "],\"isLast\":true}";
  }

  static String created(String issueKey) {
    return "{\"id\":\"10042\",\"key\":\"" + issueKey + "\",\"self\":\"" + jira.baseUrl() + "/rest/api/3/issue/10042\"}";
  }

  /** Search finds nothing until the create has happened, then finds the created issue, which carries the request's label and property. */
  static void issueIndexedOnceCreated(String issueKey, String label, String requestKey) {
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).inScenario("index").whenScenarioStateIs(STARTED)
        .willReturn(json(200, searchResult())));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).inScenario("index").whenScenarioStateIs(STARTED)
        .willReturn(json(201, created(issueKey))).willSetStateTo("created"));
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).inScenario("index").whenScenarioStateIs("created")
        .willReturn(json(200, searchResult(issueBean("10042", issueKey, label, requestKey)))));
    jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/10042")).willReturn(json(200, issueBean("10042", issueKey, label, requestKey))));
  }
}
