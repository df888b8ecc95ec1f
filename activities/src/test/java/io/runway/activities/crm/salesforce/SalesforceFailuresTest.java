package io.runway.activities.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.runway.activities.crm.salesforce.SalesforceCrmActivitiesTest.RECORD;
import static io.runway.activities.crm.salesforce.SalesforceCrmActivitiesTest.SECRET;
import static io.runway.activities.crm.salesforce.SalesforceCrmActivitiesTest.TOKEN_PATH;
import static io.runway.activities.crm.salesforce.SalesforceCrmActivitiesTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a refused or unavailable Salesforce turns into; no failure may carry the secret or the token. */
class SalesforceFailuresTest {

  // WireMock's own extension starts the stub server once per class and resets it after each test
  @RegisterExtension
  static final WireMockExtension salesforce = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  static final String TOKEN = "00D5g000004Abc!AQ4AQFakeAccessToken";

  private SalesforceCrmActivities crm;



  @BeforeEach
  void reset() {
    crm = new SalesforceCrmActivities(SalesforceCrmActivitiesTest.properties(salesforce.baseUrl(), Duration.ofSeconds(2)));
    salesforce.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"" + TOKEN + "\",\"instance_url\":\"" + salesforce.baseUrl() + "\",\"token_type\":\"Bearer\"}")));
  }

  private ApplicationFailure upsertFails() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> crm.upsertInitiative(record(null)));
    assertThat(failure).as("upsert should fail").isNotNull();
    assertThat(failure.getOriginalMessage()).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain("Bearer");
    return failure;
  }

  private static void upsertAnswers(int status, String retryAfter, String body) {
    var answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    if (retryAfter != null) {
      answer.withHeader("Retry-After", retryAfter);
    }
    salesforce.stubFor(patch(urlEqualTo(RECORD)).willReturn(answer));
  }

  @Test
  void severalRecordsWithTheExternalIdIsAFinalFailureListingThem() {
    upsertAnswers(300, null, """
        ["/services/data/v62.0/sobjects/AI_Initiative__c/a0B5g00000XyZ12EAF",
         "/services/data/v62.0/sobjects/AI_Initiative__c/a0B5g00000XyZ13EAF"]""");

    ApplicationFailure failure = upsertFails();

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo("SalesforceAmbiguousExternalId");
    assertThat(failure.getOriginalMessage())
        .startsWith("Salesforce upsert AI_Initiative__c Runway_Key__c=fraud-scoring: the external id matches 2 records")
        .contains("/sobjects/AI_Initiative__c/a0B5g00000XyZ12EAF", "/sobjects/AI_Initiative__c/a0B5g00000XyZ13EAF")
        .contains("make Runway_Key__c unique");
  }

  @Test
  void aValidationErrorIsFinalAndNamesSalesforcesErrorCode() {
    upsertAnswers(400, null,
        "[{\"message\":\"Stage: bad value for restricted picklist field: SECURITY_REVIEW\",\"errorCode\":\"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST\",\"fields\":[\"Stage__c\"]}]");

    ApplicationFailure failure = upsertFails();

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).startsWith("Salesforce upsert AI_Initiative__c Runway_Key__c=fraud-scoring answered HTTP 400")
        .contains("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST").contains("Stage__c");
  }

  @Test
  void aTokenRefusedEvenAfterRefreshingIsFinal() {
    upsertAnswers(401, null, SalesforceCrmActivitiesTest.unauthorized());

    ApplicationFailure failure = upsertFails();

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("HTTP 401").contains("INVALID_SESSION_ID");
    salesforce.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    salesforce.verify(2, patchRequestedFor(urlEqualTo(RECORD)));
  }

  @Test
  void wrongClientCredentialsAreFinalAndNeverQuoteTheSecret() {
    salesforce.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}")));

    ApplicationFailure failure = upsertFails();

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).isEqualTo(
        "Salesforce token request answered HTTP 400: {\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
    salesforce.verify(0, patchRequestedFor(urlEqualTo(RECORD)));
  }

  @Test
  void aTokenEndpointThatDoesNotAnswerInTimeIsRetryable() {
    // its own path: the delayed request reaches WireMock's journal after this test, and must not count in another
    salesforce.stubFor(post(urlEqualTo("/slow" + TOKEN_PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(1_000)));
    crm = new SalesforceCrmActivities(SalesforceCrmActivitiesTest.properties(salesforce.baseUrl() + "/slow", Duration.ofMillis(300)));

    ApplicationFailure failure = upsertFails();

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).startsWith("Salesforce token request got no answer");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource(delimiter = '|', textBlock = """
      429 | 20 | [{"message":"Too many requests","errorCode":"REQUEST_LIMIT_EXCEEDED"}]
      503 | 45 | [{"message":"Server temporarily unavailable","errorCode":"SERVER_UNAVAILABLE"}]
      500 |    | [{"message":"An unexpected error occurred","errorCode":"UNKNOWN_EXCEPTION"}]
      """)
  void throttlingAndOutagesAreRetriedHonouringRetryAfter(int status, String retryAfter, String body) {
    upsertAnswers(status, retryAfter, body);

    ApplicationFailure failure = upsertFails();

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(retryAfter == null ? null : Duration.ofSeconds(Long.parseLong(retryAfter)));
    assertThat(failure.getOriginalMessage()).contains("HTTP " + status).contains(body.substring(2, 20));
  }
}
