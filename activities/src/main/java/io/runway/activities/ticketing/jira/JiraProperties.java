package io.runway.activities.ticketing.jira;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code runway.jira.*}, read only when {@code runway.ticketing.provider=jira}. The API token belongs
 * in the environment ({@code RUNWAY_JIRA_API_TOKEN}), never in a file, and is left out of {@link #toString()}.
 *
 * @param timeout   the total deadline of each call: connect, response headers and the whole body
 * @param searchLag how long Jira's search may take to show a newly created issue; after a create whose
 *                  answer was lost, a retry waits this long from the create before it may create again
 */
@ConfigurationProperties("runway.jira")
public record JiraProperties(
    URI baseUrl,
    String email,
    String apiToken,
    String projectKey,
    @DefaultValue("Task") String issueType,
    @DefaultValue("Done") String doneTransition,
    @DefaultValue("Cancel") String cancelTransition,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("10s") Duration searchLag) {

  public JiraProperties {
    // Failing here stops start-up, rather than failing the first gate of the first initiative hours later.
    List<String> missing = new ArrayList<>();
    if (baseUrl == null || baseUrl.getHost() == null) {
      missing.add("runway.jira.base-url (RUNWAY_JIRA_BASE_URL, e.g. https://your-site.atlassian.net)");
    }
    if (blank(email)) {
      missing.add("runway.jira.email (RUNWAY_JIRA_EMAIL)");
    }
    if (blank(apiToken)) {
      missing.add("runway.jira.api-token (environment variable RUNWAY_JIRA_API_TOKEN)");
    }
    if (blank(projectKey)) {
      missing.add("runway.jira.project-key (RUNWAY_JIRA_PROJECT_KEY)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("runway.ticketing.provider=jira, but these settings are missing: " + String.join(", ", missing));
    }
  }

  /** The issue's page for people, as Jira Cloud serves it. */
  URI browse(String issueKey) {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/browse/" + issueKey);
  }

  @Override
  public String toString() {
    return "JiraProperties[baseUrl=" + baseUrl + ", email=" + email + ", apiToken=****, projectKey=" + projectKey
        + ", issueType=" + issueType + ", doneTransition=" + doneTransition + ", cancelTransition=" + cancelTransition
        + ", timeout=" + timeout + ", searchLag=" + searchLag + "]";
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
