package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** A log line an activity writes is one JSON object naming the initiative and workflow it worked for. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest extends ApiTestSupport {

  @Test
  void activityLogLinesAreJsonCarryingTheWorkflowIdAndInitiativeKey(CapturedOutput output) {
    LifecycleSteps steps = new LifecycleSteps(api);
    String key = uniqueKey("logs");
    launch(key, "MINIMAL");
    JsonNode review = steps.inboxTask("security-1", "security", key);
    // the log notification channel writes one line from inside the notification activity
    assertThat(steps.complete("security-1", review, "REQUEST_CHANGES", "add a threat model", false).status()).isEqualTo(200);

    JsonNode line = await("the notification activity's log line", () -> notificationLine(output, key), Optional::isPresent).get();
    assertThat(field(line, "workflow.id")).isEqualTo("initiative-" + key);
    assertThat(field(line, "initiative.key")).isEqualTo(key);
    assertThat(line.path("log.level").asString(line.path("log").path("level").asString())).isEqualTo("INFO");
  }

  private static Optional<JsonNode> notificationLine(CapturedOutput output, String key) {
    return output.getOut().lines()
        .filter(text -> text.startsWith("{") && text.contains("notification CHANGES_REQUESTED for " + key))
        .findFirst().map(Api.JSON::readTree);
  }

  /** ECS nests dotted names ({"workflow":{"id":..}}); other formats may keep them flat. */
  private static String field(JsonNode line, String dotted) {
    if (line.has(dotted)) {
      return line.get(dotted).asString();
    }
    JsonNode node = line;
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    return node.asString();
  }
}
