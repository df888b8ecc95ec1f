package io.runway.activities.ticketing.servicenow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code runway.servicenow.*}. The password and the token come from the environment
 * ({@code RUNWAY_SERVICENOW_PASSWORD}, {@code RUNWAY_SERVICENOW_TOKEN}) by Spring's relaxed binding.
 * State values are those of the change_request state model: -5 New, -4 Assess, -3 Authorize,
 * -2 Scheduled, -1 Implement, 0 Review, 3 Closed, 4 Canceled.
 *
 * @param instanceUrl  e.g. {@code https://acme.service-now.com}
 * @param username     basic-auth user (with {@code password}), ignored when {@code token} is set
 * @param token        OAuth bearer token; wins over username and password
 * @param table        the Table API table tickets live in
 * @param category     category value for new records (change_request choice values are lower case)
 * @param doneState    state value a ticket moves to when Runway marks it DONE
 * @param cancelState  state value for CANCELLED
 * @param closeCode    close_code sent with the done state: instances make it mandatory on close
 * @param timeout      the total deadline of every call: connect, response headers and the whole body
 */
@ConfigurationProperties("runway.servicenow")
public record ServiceNowProperties(
    String instanceUrl, String username, String password, String token, String table, String category,
    String doneState, String cancelState, String closeCode, Duration timeout) {

  public ServiceNowProperties {
    table = orDefault(table, "change_request");
    category = orDefault(category, "other");
    doneState = orDefault(doneState, "3");
    cancelState = orDefault(cancelState, "4");
    closeCode = orDefault(closeCode, "successful");
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  /** Stops start-up with every missing key named, rather than failing on the first ticket. */
  void requireComplete() {
    List<String> missing = new ArrayList<>();
    if (isBlank(instanceUrl)) {
      missing.add("runway.servicenow.instance-url");
    }
    if (isBlank(token) && (isBlank(username) || isBlank(password))) {
      missing.add("runway.servicenow.username with RUNWAY_SERVICENOW_PASSWORD, or RUNWAY_SERVICENOW_TOKEN");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("runway.ticketing.provider=servicenow needs " + String.join(" and ", missing));
    }
  }

  boolean usesToken() {
    return !isBlank(token);
  }

  /** The record's own toString would print the password and the token. */
  @Override
  public String toString() {
    return "ServiceNowProperties[instanceUrl=" + instanceUrl + ", username=" + username + ", table=" + table
        + ", credentials=" + (usesToken() ? "token" : isBlank(password) ? "none" : "password") + "]";
  }

  private static String orDefault(String value, String fallback) {
    return isBlank(value) ? fallback : value;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
