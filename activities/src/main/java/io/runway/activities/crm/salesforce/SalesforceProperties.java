package io.runway.activities.crm.salesforce;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code runway.salesforce.*}. The client secret comes from the environment
 * ({@code RUNWAY_SALESFORCE_CLIENT_SECRET}) by Spring's relaxed binding.
 *
 * @param instanceUrl     REST API host; defaults to the token URL's host, which for My Domain is the same
 * @param tokenUrl        e.g. {@code https://acme.my.salesforce.com/services/oauth2/token} (client
 *                        credentials only work on the My Domain host, not login.salesforce.com)
 * @param apiVersion      REST API version, with its v
 * @param object          sObject the initiative is kept on; the default is a custom object Runway's admins create
 * @param externalIdField the object's external-id field holding the initiative key
 * @param fields          which field each initiative attribute goes to; {@code none} leaves it out
 */
@ConfigurationProperties("runway.salesforce")
public record SalesforceProperties(
    String instanceUrl, String tokenUrl, String clientId, String clientSecret, String apiVersion, String object,
    String externalIdField, Fields fields, Duration timeout) {

  public SalesforceProperties {
    apiVersion = orDefault(apiVersion, "v62.0");
    apiVersion = apiVersion.startsWith("v") ? apiVersion : "v" + apiVersion;
    object = orDefault(object, "AI_Initiative__c");
    externalIdField = orDefault(externalIdField, "Runway_Key__c");
    fields = fields == null ? new Fields(null, null, null, null, null, null, null, null, null, null, null, null) : fields;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  /**
   * Field API names per initiative attribute, each with a default on {@code AI_Initiative__c}.
   * {@code gateStatus} (a text field of 255 characters) gets each gate and its status at every
   * gate transition; {@code latestAttainment} (a number, percent) and {@code latestValueDecision} (text)
   * get the KPI attainment and the last value-review decision in production. Map any of them to
   * {@code none} on an object that lacks it.
   */
  public record Fields(String name, String businessUnit, String stage, String riskTier, String businessOwner,
      String technicalOwner, String operationsOwner, String sponsor, String goLiveDate, String gateStatus,
      String latestAttainment, String latestValueDecision) {

    public Fields {
      name = orDefault(name, "Name");
      businessUnit = orDefault(businessUnit, "Business_Unit__c");
      stage = orDefault(stage, "Stage__c");
      riskTier = orDefault(riskTier, "Risk_Tier__c");
      businessOwner = orDefault(businessOwner, "Business_Owner__c");
      technicalOwner = orDefault(technicalOwner, "Technical_Owner__c");
      operationsOwner = orDefault(operationsOwner, "Operations_Owner__c");
      sponsor = orDefault(sponsor, "Sponsor__c");
      goLiveDate = orDefault(goLiveDate, "Go_Live_Date__c");
      gateStatus = orDefault(gateStatus, "Gate_Status__c");
      latestAttainment = orDefault(latestAttainment, "KPI_Attainment__c");
      latestValueDecision = orDefault(latestValueDecision, "Value_Decision__c");
    }
  }

  /** Stops start-up with every missing key named, rather than failing on the first upsert. */
  void requireComplete() {
    List<String> missing = new ArrayList<>();
    if (isBlank(tokenUrl)) {
      missing.add("runway.salesforce.token-url");
    }
    if (isBlank(clientId)) {
      missing.add("runway.salesforce.client-id");
    }
    if (isBlank(clientSecret)) {
      missing.add("RUNWAY_SALESFORCE_CLIENT_SECRET");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("runway.crm.provider=salesforce needs " + String.join(", ", missing));
    }
  }

  URI apiBase() {
    if (!isBlank(instanceUrl)) {
      return URI.create(instanceUrl);
    }
    URI token = URI.create(tokenUrl);
    return URI.create(token.getScheme() + "://" + token.getRawAuthority());
  }

  /** The record's own toString would print the client secret. */
  @Override
  public String toString() {
    return "SalesforceProperties[instanceUrl=" + instanceUrl + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
        + ", object=" + object + ", externalIdField=" + externalIdField + "]";
  }

  private static String orDefault(String value, String fallback) {
    return isBlank(value) ? fallback : value;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
