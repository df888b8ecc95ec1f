package io.runway.activities.ticketing.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.runway.lifecycle.activity.TicketUpdate;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class JiraUpdateTicketTest extends JiraStubbedTest {

  private static final String COMMENTS = "/rest/api/3/issue/SEC-7/comment";
  private static final String TRANSITIONS = "/rest/api/3/issue/SEC-7/transitions";

  private static String comments(String... markers) {
    StringBuilder comments = new StringBuilder();
    for (int i = 0; i < markers.length; i++) {
      comments.append(i == 0 ? "" : ",").append("""
          {"id":"%d","self":"%s/rest/api/3/issue/10042/comment/%d","author":{"accountId":"5b10a2844c20165700ede21g"},
           "body":{"type":"doc","version":1,"content":[
             {"type":"paragraph","content":[{"type":"text","text":"Approved."}]},
             {"type":"paragraph","content":[{"type":"text","text":"%s"}]}]},
           "created":"2026-11-23T10:00:00.000+0000"}""".formatted(10100 + i, jira.baseUrl(), 10100 + i, markers[i]));
    }
    return "{\"startAt\":0,\"maxResults\":100,\"total\":" + markers.length + ",\"comments\":[" + comments + "]}";
  }

  /** The issue's comment list shows a comment once it has been posted. */
  private static void commentsListedOncePosted(String marker) {
    jira.stubFor(get(urlPathEqualTo(COMMENTS)).inScenario("comments").whenScenarioStateIs(STARTED).willReturn(json(200, comments())));
    jira.stubFor(post(urlEqualTo(COMMENTS)).inScenario("comments").whenScenarioStateIs(STARTED)
        .willReturn(json(201, "{\"id\":\"10100\",\"self\":\"" + jira.baseUrl() + "/rest/api/3/issue/10042/comment/10100\"}"))
        .willSetStateTo("posted"));
    jira.stubFor(get(urlPathEqualTo(COMMENTS)).inScenario("comments").whenScenarioStateIs("posted").willReturn(json(200, comments(marker))));
  }

  private static void issueInStatusCategory(String category) {
    jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SEC-7?fields=status")).willReturn(json(200, """
        {"id":"10042","key":"SEC-7","self":"%s/rest/api/3/issue/10042",
         "fields":{"status":{"id":"3","name":"Whatever","statusCategory":{"id":4,"key":"%s","name":"Some"}}}}"""
        .formatted(jira.baseUrl(), category))));
  }

  private static void transitionsOffered(String... names) {
    StringBuilder transitions = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      transitions.append(i == 0 ? "" : ",").append("""
          {"id":"%d","name":"%s","to":{"id":"%d","name":"%s","statusCategory":{"key":"indeterminate"}},"hasScreen":false}"""
          .formatted(11 + 10 * i, names[i], 10000 + i, names[i]));
    }
    jira.stubFor(get(urlEqualTo(TRANSITIONS)).willReturn(json(200, "{\"expand\":\"transitions\",\"transitions\":[" + transitions + "]}")));
    jira.stubFor(post(urlEqualTo(TRANSITIONS)).willReturn(json(204, "")));
  }

  @Test
  void commentingTwiceWithOneRequestKeyPostsOneComment() {
    commentsListedOncePosted("runway:INI-42/security-review/1/decision");
    TicketUpdate update = new TicketUpdate("INI-42/security-review/1/decision", "SEC-7", "Approved.", null);

    adapter.updateTicket(update);
    adapter.updateTicket(update);

    jira.verify(1, postRequestedFor(urlEqualTo(COMMENTS)).withRequestBody(equalToJson("""
        {"body":{"type":"doc","version":1,"content":[
          {"type":"paragraph","content":[{"type":"text","text":"Approved."}]},
          {"type":"paragraph","content":[{"type":"text","text":"runway:INI-42/security-review/1/decision"}]}]}}""")));
  }

  @Test
  void approvalTransitionsTheIssueWithTheTransitionNamedDone() {
    issueInStatusCategory("indeterminate");
    transitionsOffered("Start Progress", "Done");

    adapter.updateTicket(new TicketUpdate("INI-42/security-review/1/close", "SEC-7", null, "DONE"));

    jira.verify(1, postRequestedFor(urlEqualTo(TRANSITIONS)).withRequestBody(equalToJson("{\"transition\":{\"id\":\"21\"}}")));
  }

  @Test
  void theStatusReadSaysResolvedOnceTheIssueIsInTheDoneCategory() {
    issueInStatusCategory("indeterminate");
    assertThat(adapter.readStatus(new TicketRef("jira", "SEC-7", "x")).resolved()).isFalse();

    issueInStatusCategory("done");
    assertThat(adapter.readStatus(new TicketRef("jira", "SEC-7", "x")).status()).isEqualTo("RESOLVED");
  }

  @Test
  void aStatusReadWithoutAStatusCategoryIsRetriedNotTakenForOpen() {
    jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SEC-7?fields=status")).willReturn(json(200, "{\"id\":\"10042\",\"key\":\"SEC-7\"}")));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> adapter.readStatus(new TicketRef("jira", "SEC-7", "x")));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("JiraMalformed");
  }

  @Test
  void anIssueAlreadyDoneIsLeftAlone() {
    issueInStatusCategory("done");
    transitionsOffered("Reopen");

    adapter.updateTicket(new TicketUpdate("INI-42/security-review/1/close", "SEC-7", null, "DONE"));

    jira.verify(0, getRequestedFor(urlEqualTo(TRANSITIONS)));
    jira.verify(0, postRequestedFor(urlEqualTo(TRANSITIONS)));
  }

  @Test
  void anUnknownTransitionNameIsFinalAndListsTheNamesOnOffer() {
    issueInStatusCategory("new");
    transitionsOffered("Start Progress", "Resolve Issue");

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> adapter.updateTicket(new TicketUpdate("INI-42/security-review/1/close", "SEC-7", null, "DONE")));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("SEC-7", "\"Done\"", "available: Start Progress, Resolve Issue",
        "runway.jira.done-transition");
    jira.verify(0, postRequestedFor(urlEqualTo(TRANSITIONS)));
  }

  @Test
  void cancellingWhereTheWorkflowHasNoCancelClosesAsDoneAndSaysSo() {
    issueInStatusCategory("new");
    transitionsOffered("Start Progress", "Done");
    commentsListedOncePosted("runway:INI-42/security-review/1/end/cancelled");

    adapter.updateTicket(new TicketUpdate("INI-42/security-review/1/end", "SEC-7", null, "CANCELLED"));

    jira.verify(1, postRequestedFor(urlEqualTo(COMMENTS)));
    assertThat(jira.findAll(postRequestedFor(urlEqualTo(COMMENTS))).getFirst().getBodyAsString()).contains("Cancelled in Runway");
    jira.verify(1, postRequestedFor(urlEqualTo(TRANSITIONS)).withRequestBody(equalToJson("{\"transition\":{\"id\":\"21\"}}")));
  }

  @Test
  void aMissingIssueIsFinalAndNamed() {
    jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SEC-404?fields=status")).willReturn(json(404,
        error("\"Issue does not exist or you do not have permission to see it.\"", ""))));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> adapter.updateTicket(new TicketUpdate("INI-42/security-review/1/close", "SEC-404", null, "DONE")));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("issue SEC-404", "HTTP 404", "Issue does not exist");
  }
}
