package io.runway.activities.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.activities.http.IntegrationCalls;
import io.runway.activities.http.VendorFailures;
import io.runway.activities.json.RunwayJson;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The OAuth 2.0 client-credentials token, fetched on first use and kept until Salesforce refuses it.
 * Client-credentials answers carry no expiry (the org's session timeout applies), so a 401 is the
 * only reliable signal to fetch a new one. The token and the secret never enter a message.
 */
final class SalesforceTokens {

  private static final String CALL = "token request";

  private final SalesforceProperties properties;
  private final HttpClient http;
  private final AtomicReference<String> current = new AtomicReference<>();
  private final IntegrationCalls calls = new IntegrationCalls(SalesforceCrmActivities.VENDOR);

  SalesforceTokens(SalesforceProperties properties) {
    this.properties = properties;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  String current() {
    String token = current.get();
    if (token != null) {
      return token;
    }
    synchronized (this) {
      // another activity thread may have fetched it while this one waited
      if (current.get() == null) {
        current.set(fetchCounted());
      }
      return current.get();
    }
  }

  /** Forgets the token a call was refused with; one another thread already replaced stays. */
  void refused(String token) {
    current.compareAndSet(token, null);
  }

  private String fetchCounted() {
    try {
      String token = fetch();
      calls.succeeded(CALL);
      return token;
    } catch (ApplicationFailure failure) {
      calls.failed(CALL, failure);
      throw failure;
    }
  }

  private String fetch() {
    String form = "grant_type=client_credentials&client_id=" + encode(properties.clientId())
        + "&client_secret=" + encode(properties.clientSecret());
    HttpRequest request = HttpRequest.newBuilder(URI.create(properties.tokenUrl())).timeout(properties.timeout())
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw VendorFailures.unreachable(SalesforceCrmActivities.VENDOR, CALL, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw VendorFailures.unreachable(SalesforceCrmActivities.VENDOR, CALL, e);
    }
    if (response.statusCode() != 200) {
      // Salesforce answers {"error":"invalid_client","error_description":...}: the reason, never the secret
      throw VendorFailures.of(SalesforceCrmActivities.VENDOR, CALL, response.statusCode(), response.headers(),
          response.body(), Clock.systemUTC());
    }
    String token = accessToken(response.body());
    if (token.isBlank()) {
      throw ApplicationFailure.newFailure(
          SalesforceCrmActivities.VENDOR + " " + CALL + " answered 200 without an access_token", "SalesforceUnavailable");
    }
    return token;
  }

  private static String accessToken(String body) {
    try {
      JsonNode json = RunwayJson.mapper().readTree(body);
      return json == null ? "" : json.path("access_token").asText("");
    } catch (IOException notJson) {
      return "";
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
