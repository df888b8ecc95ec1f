package io.runway.activities.crm.salesforce;

import io.runway.activities.http.VendorFailures;
import io.runway.activities.http.VendorHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The OAuth 2.0 client-credentials token, fetched on first use and kept until Salesforce refuses it.
 * Client-credentials answers carry no expiry (the org's session timeout applies), so a 401 is the
 * only reliable signal to fetch a new one. The token and the secret never enter a message.
 */
final class SalesforceTokens {

  private static final String CALL = "token request";

  private final SalesforceProperties properties;
  /** The token endpoint, with the same deadline and answer cap as every other call; no Authorization header. */
  private final VendorHttp http;
  private final AtomicReference<String> current = new AtomicReference<>();

  SalesforceTokens(SalesforceProperties properties) {
    this.properties = properties;
    this.http = new VendorHttp(SalesforceCrmActivities.VENDOR, URI.create(properties.tokenUrl()), properties.timeout(), () -> null);
  }

  String current() {
    String token = current.get();
    if (token != null) {
      return token;
    }
    synchronized (this) {
      // another activity thread may have fetched it while this one waited
      if (current.get() == null) {
        current.set(fetch());
      }
      return current.get();
    }
  }

  /** Forgets the token a call was refused with; one another thread already replaced stays. */
  void refused(String token) {
    current.compareAndSet(token, null);
  }

  /** Salesforce answers a refusal with {"error":"invalid_client","error_description":...}: the reason, never the secret. */
  private String fetch() {
    String form = "grant_type=client_credentials&client_id=" + encode(properties.clientId())
        + "&client_secret=" + encode(properties.clientSecret());
    String token = http.sendForm(CALL, "", form).json().path("access_token").asText("");
    if (token.isBlank()) {
      throw VendorFailures.malformed(SalesforceCrmActivities.VENDOR, CALL, "an access_token", null);
    }
    return token;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
