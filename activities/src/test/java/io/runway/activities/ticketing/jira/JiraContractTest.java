package io.runway.activities.ticketing.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.activities.ticketing.jira.JiraContract.SentRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract check itself must be able to fail, or the adapter tests prove nothing about Jira's API. */
class JiraContractTest {

  private static final Map<String, List<String>> JSON_WITH_AUTH = Map.of(
      "Content-Type", List.of("application/json"), "Accept", List.of("application/json"), "Authorization", List.of("Basic eDp5"));

  @Test
  void aTransitionRequestShapedAsJiraDocumentsItPasses() {
    assertThat(JiraContract.violations(new SentRequest("POST", "/rest/api/3/issue/SEC-7/transitions", JSON_WITH_AUTH,
        "{\"transition\":{\"id\":\"31\"}}"))).isEmpty();
  }

  @Test
  void aTransitionIdSentAsANumberIsCaught() {
    assertThat(JiraContract.violations(new SentRequest("POST", "/rest/api/3/issue/SEC-7/transitions", JSON_WITH_AUTH,
        "{\"transition\":{\"id\":31}}"))).isNotEmpty();
  }

  @Test
  void aCallOutsideJirasApiIsCaught() {
    assertThat(JiraContract.violations(new SentRequest("DELETE", "/rest/api/3/issue/SEC-7/comment", JSON_WITH_AUTH, null)))
        .isNotEmpty();
  }

  @Test
  void aSearchPagedTheRemovedWayIsCaught() {
    assertThat(JiraContract.violations(new SentRequest("POST", JiraApi.SEARCH, JSON_WITH_AUTH,
        "{\"jql\":\"project = SEC\",\"fields\":[\"summary\"],\"maxResults\":1,\"startAt\":0}")))
        .singleElement().asString().contains("startAt");
  }

  @Test
  void withoutTheSpecTheCheckFailsAndSaysWhatIsMissing(@TempDir Path elsewhere) {
    assertThatThrownBy(() -> JiraContract.locateSpec(elsewhere))
        .hasMessageContaining("shared/specs/jira-platform-v3-subset.json").hasMessageContaining(elsewhere.toString());
  }
}
