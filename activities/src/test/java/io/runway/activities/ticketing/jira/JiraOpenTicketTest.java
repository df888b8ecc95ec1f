package io.runway.activities.ticketing.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
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

class JiraOpenTicketTest extends JiraStubbedTest {

  private static final String REQUEST_KEY = "INI-42/security-review/1";
  private static final TicketRequest REQUEST = new TicketRequest(REQUEST_KEY, "INI-42", Gate.SECURITY_REVIEW,
      "Security review: churn model", "Review the churn model.\n\nData: CRM exports", List.of("runway", "runway-INI-42", "security review"));
  private static final String LABEL = JiraTicketingActivities.requestLabel(REQUEST_KEY);

  @Test
  void opensOneIssueWithAnAdfDescriptionLabelsAndTheRequestKeyProperty() throws Exception {
    issueIndexedOnceCreated("SEC-7");
    propertyWriteAnswers(201);

    TicketRef ticket = adapter.openTicket(REQUEST);

    assertThat(ticket).isEqualTo(new TicketRef("jira", "SEC-7", jira.baseUrl() + "/browse/SEC-7"));
    JsonNode fields = RunwayJson.mapper().readTree(jira.findAll(postRequestedFor(urlEqualTo("/rest/api/3/issue"))).getFirst().getBodyAsString())
        .path("fields");
    assertThat(fields.path("project").path("key").asText()).isEqualTo("SEC");
    assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Task");
    assertThat(fields.path("summary").asText()).isEqualTo("Security review: churn model");
    assertThat(fields.path("description").path("type").asText()).isEqualTo("doc");
    assertThat(fields.path("description").path("content").findValuesAsText("text")).containsExactly("Review the churn model.", "Data: CRM exports");
    assertThat(fields.path("labels")).extracting(JsonNode::asText).containsExactly("runway", "runway-INI-42", "security-review", LABEL);
    jira.verify(1, putRequestedFor(urlEqualTo("/rest/api/3/issue/SEC-7/properties/runway")).withRequestBody(
        equalToJson("{\"requestKey\":\"INI-42/security-review/1\",\"initiativeKey\":\"INI-42\",\"gate\":\"SECURITY_REVIEW\"}")));
  }

  @Test
  void openingAgainWithTheSameRequestKeyReturnsTheSameIssue() {
    issueIndexedOnceCreated("SEC-7");
    propertyWriteAnswers(200);

    TicketRef first = adapter.openTicket(REQUEST);
    TicketRef again = adapter.openTicket(REQUEST);

    assertThat(again).isEqualTo(first);
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
    jira.verify(2, postRequestedFor(urlEqualTo(JiraApi.SEARCH)).withRequestBody(equalToJson("""
        {"jql": "project = \\"SEC\\" AND (labels = \\"%s\\" OR issue.property[runway].requestKey = \\"INI-42/security-review/1\\")",
         "fields": ["summary", "status"], "maxResults": 1}""".formatted(LABEL))));
  }

  @Test
  void aRetryAfterTheCreateWentThroughButThePropertyWriteFailedFindsTheIssueByItsLabel() {
    issueIndexedOnceCreated("SEC-7");
    propertyWriteAnswers(500);
    assertThatThrownBy(() -> adapter.openTicket(REQUEST)).isInstanceOfSatisfying(ApplicationFailure.class,
        failure -> assertThat(failure.isNonRetryable()).isFalse());

    propertyWriteAnswers(200);
    TicketRef retried = adapter.openTicket(REQUEST);

    assertThat(retried.id()).isEqualTo("SEC-7");
    jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
    jira.verify(2, putRequestedFor(urlEqualTo("/rest/api/3/issue/SEC-7/properties/runway")));
  }

  @Test
  void aValidationErrorIsFinalAndCarriesJirasText() {
    issueIndexedOnceCreated("SEC-7");
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
    issueIndexedOnceCreated("SEC-7");
    jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(json(500, error("\"Internal server error\"", ""))));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> adapter.openTicket(REQUEST));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isNull();
  }
}
