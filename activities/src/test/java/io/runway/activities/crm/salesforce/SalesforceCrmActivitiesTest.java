package io.runway.activities.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.runway.lifecycle.activity.CrmRecord;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Upserts and the token life cycle against a stub shaped like Salesforce's REST API and OAuth endpoint. */
class SalesforceCrmActivitiesTest {

  // WireMock's own extension starts the stub server once per class and resets it after each test
  @RegisterExtension
  static final WireMockExtension salesforce = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  static final String TOKEN_PATH = "/services/oauth2/token";
  static final String RECORD = "/services/data/v62.0/sobjects/AI_Initiative__c/Runway_Key__c/fraud-scoring";
  static final String SECRET = "cl1ent-s3cret";
  static final String ID = "a0B5g00000XyZ12EAF";

  private SalesforceCrmActivities crm;



  @BeforeEach
  void reset() {
    crm = new SalesforceCrmActivities(properties(salesforce.baseUrl(), Duration.ofSeconds(2)));
  }

  static SalesforceProperties properties(String baseUrl, Duration timeout) {
    return new SalesforceProperties(null, baseUrl + TOKEN_PATH, "3MVG9runway", SECRET, null, null, null, null, timeout);
  }

  static CrmRecord record(String goLiveDate) {
    return new CrmRecord("fraud-scoring", "Fraud scoring", "Payments", Stage.SECURITY_REVIEW, RiskTier.HIGH,
        new Owners("alice", "bob", "carol"), "dave", goLiveDate, null, null, "SECURITY_REVIEW OPEN, LEGAL_REVIEW APPROVED");
  }

  static void tokens(String... accessTokens) {
    for (int i = 0; i < accessTokens.length; i++) {
      salesforce.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs(i == 0 ? STARTED : "issued-" + i)
          .withRequestBody(containing("grant_type=client_credentials")).withRequestBody(containing("client_id=3MVG9runway"))
          .willReturn(okJson("""
              {"access_token":"%s","signature":"c2ln","instance_url":"%s","id":"https://login.salesforce.com/id/00D/005",
               "token_type":"Bearer","issued_at":"1764000000000"}""".formatted(accessTokens[i], salesforce.baseUrl())))
          .willSetStateTo("issued-" + (i + 1)));
    }
  }

  static String unauthorized() {
    return "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";
  }

  @Test
  void aNewInitiativeIsCreatedWithEveryMappedFieldAndItsIdReturned() {
    tokens("00D!token-1");
    salesforce.stubFor(patch(urlEqualTo(RECORD)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"" + ID + "\",\"errors\":[],\"success\":true,\"created\":true}")));

    assertThat(crm.upsertInitiative(record("2026-12-01"))).isEqualTo(ID);

    salesforce.verify(patchRequestedFor(urlEqualTo(RECORD)).withHeader("Authorization", equalTo("Bearer 00D!token-1"))
        .withRequestBody(equalToJson("""
            {"Name":"Fraud scoring","Business_Unit__c":"Payments","Stage__c":"SECURITY_REVIEW","Risk_Tier__c":"HIGH",
             "Business_Owner__c":"alice","Technical_Owner__c":"bob","Operations_Owner__c":"carol","Sponsor__c":"dave",
             "Go_Live_Date__c":"2026-12-01","Gate_Status__c":"SECURITY_REVIEW OPEN, LEGAL_REVIEW APPROVED",
             "KPI_Attainment__c":null,"Value_Decision__c":null}""")));
  }

  @Test
  void inProductionTheRecordCarriesTheLatestAttainmentAndValueDecision() {
    tokens("00D!token-1");
    salesforce.stubFor(patch(urlEqualTo(RECORD)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"" + ID + "\",\"errors\":[],\"success\":true,\"created\":false}")));

    crm.upsertInitiative(new CrmRecord("fraud-scoring", "Fraud scoring", "Payments", Stage.IN_PRODUCTION, RiskTier.HIGH,
        new Owners("alice", "bob", "carol"), "dave", "2026-12-01", 83.3, "FIX", "every gate APPROVED"));

    salesforce.verify(patchRequestedFor(urlEqualTo(RECORD))
        .withRequestBody(equalToJson("{\"KPI_Attainment__c\":83.3,\"Value_Decision__c\":\"FIX\"}", true, true)));
  }

  @Test
  void anUpdateAnsweredWith204ReadsTheIdByExternalId() {
    tokens("00D!token-1");
    salesforce.stubFor(patch(urlEqualTo(RECORD)).willReturn(aResponse().withStatus(204)));
    salesforce.stubFor(get(urlEqualTo(RECORD + "?fields=Id")).willReturn(okJson(
        "{\"attributes\":{\"type\":\"AI_Initiative__c\",\"url\":\"/services/data/v62.0/sobjects/AI_Initiative__c/" + ID + "\"},\"Id\":\"" + ID + "\"}")));

    assertThat(crm.upsertInitiative(record(null))).isEqualTo(ID);

    // a go-live date Runway no longer has is cleared, not left stale
    salesforce.verify(patchRequestedFor(urlEqualTo(RECORD)).withRequestBody(equalToJson("{\"Go_Live_Date__c\":null}", true, true)));
  }

  @Test
  void anUpdateWhoseIdCannotBeReadIsARetryableErrorNotAnEmptyId() {
    tokens("00D!token-1");
    salesforce.stubFor(patch(urlEqualTo(RECORD)).willReturn(aResponse().withStatus(204)));
    salesforce.stubFor(get(urlEqualTo(RECORD + "?fields=Id")).willReturn(okJson("{\"attributes\":{\"type\":\"AI_Initiative__c\"}}")));

    assertThatThrownBy(() -> crm.upsertInitiative(record(null))).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).as("Salesforce may answer properly next time").isFalse();
      assertThat(failure.getOriginalMessage()).contains("the record's Id");
    });
  }

  @Test
  void theTokenIsFetchedOnceAndReusedAcrossUpserts() {
    tokens("00D!token-1", "00D!token-2");
    salesforce.stubFor(patch(urlEqualTo(RECORD)).willReturn(okJson("{\"id\":\"" + ID + "\",\"errors\":[],\"success\":true,\"created\":false}")));

    crm.upsertInitiative(record(null));
    crm.upsertInitiative(record("2026-12-01"));

    salesforce.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    salesforce.verify(2, patchRequestedFor(urlEqualTo(RECORD)).withHeader("Authorization", equalTo("Bearer 00D!token-1")));
  }

  @Test
  void anExpiredSessionFetchesANewTokenAndRetriesTheUpsertOnce() {
    tokens("00D!token-1", "00D!token-2");
    salesforce.stubFor(patch(urlEqualTo(RECORD)).withHeader("Authorization", equalTo("Bearer 00D!token-1"))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(unauthorized())));
    salesforce.stubFor(patch(urlEqualTo(RECORD)).withHeader("Authorization", equalTo("Bearer 00D!token-2"))
        .willReturn(okJson("{\"id\":\"" + ID + "\",\"errors\":[],\"success\":true,\"created\":false}")));

    assertThat(crm.upsertInitiative(record(null))).isEqualTo(ID);

    salesforce.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("client_secret=" + SECRET)));
    salesforce.verify(2, patchRequestedFor(urlEqualTo(RECORD)));
  }

  @Test
  void unmappedFieldsAreLeftOutOfTheRecord() {
    tokens("00D!token-1");
    salesforce.stubFor(patch(urlPathEqualTo("/services/data/v61.0/sobjects/Opportunity/Runway_Key__c/fraud-scoring"))
        .willReturn(okJson("{\"id\":\"006xx\",\"success\":true,\"created\":false}")));
    var fields = new SalesforceProperties.Fields(null, "none", "StageName", "none", "none", "none", "none", "none", "CloseDate",
        "none", "none", "none");
    var opportunity = new SalesforceProperties(salesforce.baseUrl(), salesforce.baseUrl() + TOKEN_PATH, "3MVG9runway", SECRET,
        "61.0", "Opportunity", null, fields, null);

    assertThat(new SalesforceCrmActivities(opportunity).upsertInitiative(record("2026-12-01"))).isEqualTo("006xx");

    salesforce.verify(patchRequestedFor(urlPathEqualTo("/services/data/v61.0/sobjects/Opportunity/Runway_Key__c/fraud-scoring"))
        .withRequestBody(equalToJson("{\"Name\":\"Fraud scoring\",\"StageName\":\"SECURITY_REVIEW\",\"CloseDate\":\"2026-12-01\"}")));
  }

  @Test
  void choosingSalesforceWithoutItsSettingsStopsStartUpNamingEveryMissingOne() {
    ApplicationContextRunner app = new ApplicationContextRunner().withUserConfiguration(SalesforceCrmActivities.class);

    app.withPropertyValues("runway.crm.provider=salesforce", "runway.salesforce.token-url=https://acme.my.salesforce.com/services/oauth2/token",
        "runway.salesforce.client-id=3MVG9runway", "runway.salesforce.client-secret=" + SECRET, "runway.salesforce.fields.stage=StageName")
        .run(context -> {
          SalesforceProperties bound = context.getBean(SalesforceProperties.class);
          assertThat(bound.apiBase()).hasToString("https://acme.my.salesforce.com");
          assertThat(bound.fields().stage()).isEqualTo("StageName");
          assertThat(bound.fields().goLiveDate()).isEqualTo("Go_Live_Date__c");
          assertThat(bound.fields().gateStatus()).isEqualTo("Gate_Status__c");
        });
    app.withPropertyValues("runway.crm.provider=salesforce").run(context -> assertThat(context.getStartupFailure()).rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("runway.crm.provider=salesforce needs runway.salesforce.token-url, runway.salesforce.client-id, "
            + "RUNWAY_SALESFORCE_CLIENT_SECRET"));
    assertThat(properties("http://x", null).toString()).doesNotContain(SECRET);
  }
}
