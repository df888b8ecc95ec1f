package io.runway.activities.ticketing.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
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

/**
 * A stubbed Jira Cloud site answering as the real one does (string ids, key and self, error bodies
 * with errorMessages and errors). After every test, each request the adapter sent must follow Jira's API.
 */
abstract class JiraStubbedTest {

  static final String TOKEN = "s3cr3t-t0ken-for-tests";
  static final String PROJECT = "SEC";
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
  void freshSite() {
    jira.resetAll();
    adapter = new JiraTicketingActivities(properties());
  }

  @AfterEach
  void everyRequestSentFollowsJirasApi() {
    assertThat(JiraContract.violations(jira.getAllServeEvents())).isEmpty();
  }

  /** The timeout is generous: a cold WireMock on a busy two-core machine can take seconds to answer first. */
  static JiraProperties properties() {
    return new JiraProperties(URI.create(jira.baseUrl()), "runway@example.com", TOKEN, PROJECT, "Task", "Done", "Cancel",
        Duration.ofSeconds(10));
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
  }

  static String error(String errorMessages, String errors) {
    return "{\"errorMessages\":[" + errorMessages + "],\"errors\":{" + errors + "}}";
  }

  static String searchResult(String... issueKeys) {
    StringBuilder issues = new StringBuilder();
    for (int i = 0; i < issueKeys.length; i++) {
      String id = String.valueOf(10042 + i);
      issues.append(i == 0 ? "" : ",").append("{\"expand\":\"\",\"id\":\"").append(id).append("\",\"self\":\"")
          .append(jira.baseUrl()).append("/rest/api/3/issue/").append(id).append("\",\"key\":\"").append(issueKeys[i])
          .append("\",\"fields\":{\"summary\":\"Security review\",\"status\":{\"name\":\"To Do\",\"statusCategory\":{\"key\":\"new\"}}}}");
    }
    return "{\"issues\":[" + issues + "],\"isLast\":true}";
  }

  static String created(String issueKey) {
    return "{\"id\":\"10042\",\"key\":\"" + issueKey + "\",\"self\":\"" + jira.baseUrl() + "/rest/api/3/issue/10042\"}";
  }

  /** Search finds nothing until the create has happened, then finds the created issue. */
  static void issueIndexedOnceCreated(String issueKey) {
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).inScenario("index").whenScenarioStateIs(STARTED)
        .willReturn(json(200, searchResult())));
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).inScenario("index").whenScenarioStateIs(STARTED)
        .willReturn(json(201, created(issueKey))).willSetStateTo("created"));
    jira.stubFor(post(urlEqualTo(JiraApi.SEARCH)).inScenario("index").whenScenarioStateIs("created")
        .willReturn(json(200, searchResult(issueKey))));
  }

  static void propertyWriteAnswers(int status) {
    jira.stubFor(put(urlPathEqualTo("/rest/api/3/issue/SEC-7/properties/runway"))
        .willReturn(status < 300 ? aResponse().withStatus(status) : json(status, error("\"Internal server error\"", ""))));
  }
}
