package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The pilot inventory shipped in samples/ (what the docs import) imports as the docs say: the good
 * rows launch, each broken row is reported by its row number with what is wrong, and the JSON
 * version of the same inventory, imported after the CSV, launches nothing twice.
 */
class SampleFilesTest extends ApiTestSupport {

  private static final Path SAMPLES = Path.of("../samples");

  @Test
  void thePilotInventoryLaunchesItsGoodRowsAndNamesEachBrokenOne() throws Exception {
    JsonNode csv = importFile("pilots.csv", "text/csv");

    assertThat(counts(csv)).containsExactly(10, 5, 0, 5);
    Map<Integer, String> errors = errors(csv);
    assertThat(errors.keySet()).containsExactly(6, 7, 8, 9, 10);
    assertThat(errors.get(6)).contains("riskTier: 'EXTREME' is not one of [MINIMAL, LIMITED, HIGH, PROHIBITED]");
    assertThat(errors.get(7)).contains("key").contains("a-z, 0-9 and '-'");
    assertThat(errors.get(8)).contains("name").contains("required");
    assertThat(errors.get(9)).contains("already on row 2");
    assertThat(errors.get(10)).contains("kpis").contains("abc");
    // a row with missing intake items still launches: intake asks the program office for the rest
    JsonNode churn = await("pilot-churn-alerts at intake", () -> api.get("auditor-1", "/api/v1/initiatives/pilot-churn-alerts").json(),
        v -> v.path("tasks").toString().contains("INTAKE_COMPLETION"));
    assertThat(churn.path("stage").asString()).isEqualTo("INTAKE");

    JsonNode json = importFile("pilots.json", "application/json");

    assertThat(counts(json)).as("the same five good rows, already launched by the CSV").containsExactly(10, 0, 5, 5);
    assertThat(errors(json).keySet()).containsExactly(5, 6, 7, 8, 9);
    Map<Integer, String> jsonErrors = errors(json);
    assertThat(jsonErrors.get(5)).contains("riskTier").contains("EXTREME");
    assertThat(jsonErrors.get(6)).contains("key").contains("a-z, 0-9 and '-'");
    assertThat(jsonErrors.get(7)).contains("name").contains("required");
    assertThat(jsonErrors.get(8)).contains("already on row 1");
    assertThat(jsonErrors.get(9)).contains("baseline");
  }

  private JsonNode importFile(String name, String contentType) throws Exception {
    byte[] content = Files.readAllBytes(SAMPLES.resolve(name));
    // as the docs' curl sends it: the file as the body, its type, its name in the query
    Api.Response accepted = api.send(PROGRAM_OFFICE, "POST", "/api/v1/initiatives/import?fileName=" + name,
        java.net.http.HttpRequest.BodyPublishers.ofByteArray(content), contentType);
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      JsonNode job = api.get(PROGRAM_OFFICE, accepted.location()).json();
      if ("DONE".equals(job.path("status").asString())) {
        return job;
      }
      assertThat(Instant.now()).as("import still running: " + job).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private static java.util.List<Integer> counts(JsonNode job) {
    return java.util.List.of(job.path("total").asInt(), job.path("launched").asInt(), job.path("alreadyPresent").asInt(),
        job.path("failed").asInt());
  }

  private static Map<Integer, String> errors(JsonNode job) {
    Map<Integer, String> errors = new LinkedHashMap<>();
    job.path("errors").forEach(e -> errors.put(e.path("row").asInt(), e.path("message").asString()));
    return errors;
  }
}
