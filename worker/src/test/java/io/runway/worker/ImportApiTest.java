package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import io.runway.lifecycle.model.Actor;
import io.runway.worker.imports.ImportFormat;
import io.runway.worker.imports.InitiativeImports;
import io.runway.worker.web.ApiProblem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The initiative import over real HTTP: rows launch through the launch API's service into real
 * workflows, progress is read back by id, re-imports are idempotent by key, bad files are refused.
 */
class ImportApiTest extends ApiTestSupport {

  private static final String HEADER =
      "key,name,purpose,businessUnit,riskTier,owners.business,owners.technical,owners.operations,sponsor,dataClasses,"
          + "kpis,budget.monthlyCost,budget.currency,modelName,modelVersion";

  private final String prefix = uniqueKey("imp");

  @Autowired InitiativeImports imports;
  @Autowired JdbcClient jdbc;

  @Test
  void fiveHundredRowsLaunchAndTheJobEndsWithTheRightCounts() {
    String csv = HEADER + "\n" + IntStream.rangeClosed(1, 500)
        .mapToObj(i -> row(prefix + "-" + i, "Pilot " + i, "MINIMAL"))
        .collect(Collectors.joining("\n")) + "\n";

    Api.Response accepted = upload(PROGRAM_OFFICE, "inventory.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));

    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    assertThat(accepted.location()).isEqualTo("/api/v1/imports/" + accepted.json().path("id").asString());
    assertThat(accepted.json().path("total").asInt()).isEqualTo(500);
    assertThat(accepted.json().path("fileName").asString()).isEqualTo("inventory.csv");
    JsonNode done = awaitDone(accepted.location(), Duration.ofSeconds(120));
    assertThat(done.path("launched").asInt()).isEqualTo(500);
    assertThat(done.path("processed").asInt()).isEqualTo(500);
    assertThat(done.path("alreadyPresent").asInt()).isZero();
    assertThat(done.path("failed").asInt()).isZero();
    assertThat(done.path("requestedBy").asString()).isEqualTo(PROGRAM_OFFICE);
    assertThat(done.path("finishedAt").isNull()).isFalse();
    JsonNode last = api.get("auditor-1", "/api/v1/initiatives/" + prefix + "-500").json();
    assertThat(last.path("request").path("name").asString()).isEqualTo("Pilot 500");
    assertThat(last.path("request").path("kpis").get(0).path("target").asDouble()).isEqualTo(12.0);
    assertThat(last.path("request").path("owners").path("technical").asString()).isEqualTo("tim.owner");
  }

  @Test
  void reimportingTheSameFileCreatesNoDuplicatesAndAChangedRowIsARowError() {
    String csv = HEADER + "\n" + row(prefix + "-a", "Alpha", "LIMITED") + "\n" + row(prefix + "-b", "Beta", "HIGH") + "\n"
        + row(prefix + "-c", "Gamma", "EXTREME") + "\n";
    JsonNode first = awaitDone(upload(PROGRAM_OFFICE, "pilots.csv", "text/csv", bytes(csv)).location(), Duration.ofSeconds(30));
    assertThat(counts(first)).containsExactly(3, 2, 0, 1);
    assertThat(first.path("errors").get(0).path("row").asInt()).isEqualTo(4);
    assertThat(first.path("errors").get(0).path("message").asString()).contains("riskTier").contains("EXTREME");

    JsonNode again = awaitDone(upload(PROGRAM_OFFICE, "pilots.csv", "text/csv", bytes(csv)).location(), Duration.ofSeconds(30));
    assertThat(counts(again)).containsExactly(3, 0, 2, 1);

    String changed = HEADER + "\n" + row(prefix + "-a", "Alpha renamed", "LIMITED") + "\n" + row(prefix + "-b", "Beta", "HIGH") + "\n";
    JsonNode conflict = awaitDone(raw(PROGRAM_OFFICE, "text/csv", bytes(changed)).location(), Duration.ofSeconds(30));
    assertThat(counts(conflict)).containsExactly(2, 0, 1, 1);
    assertThat(conflict.path("errors").get(0).path("row").asInt()).isEqualTo(2);
    assertThat(conflict.path("errors").get(0).path("key").asString()).isEqualTo(prefix + "-a");
    assertThat(conflict.path("errors").get(0).path("message").asString()).contains("already launched with a different request");
    assertThat(api.get("auditor-1", "/api/v1/initiatives?businessUnit=imports&size=200").json().path("items").toString())
        .doesNotContain("Alpha renamed");
  }

  @Test
  void rowErrorsNameTheRowAndTheRuleWhileTheGoodRowsStillLaunch() {
    String csv = HEADER + "\n"
        + row(prefix + "-ok", "Fine", "MINIMAL") + "\n"
        + row(prefix + "-noname", "", "MINIMAL") + "\n"
        + row("Bad Key!", "Bad key", "MINIMAL") + "\n"
        + row(prefix + "-ok", "Fine", "MINIMAL") + "\n"
        + row(prefix + "-kpi", "Kpi", "MINIMAL").replace("cycle time:hours:48:12", "cycle time:hours:lots:12") + "\n"
        + prefix + "-short,Too few cells\n"
        + "\"" + prefix + "-quoted\",\"Name, with comma\",\"line one\nline two\",imports,MINIMAL,,,,,,,,,,\n";

    JsonNode job = awaitDone(upload(PROGRAM_OFFICE, "mixed.csv", "text/csv", bytes(csv)).location(), Duration.ofSeconds(30));

    assertThat(counts(job)).containsExactly(7, 2, 0, 5);
    assertThat(job.path("errors").findValuesAsString("message")).satisfiesExactly(
        m -> assertThat(m).isEqualTo("name is required"),
        m -> assertThat(m).startsWith("key must be 2-63 characters"),
        m -> assertThat(m).isEqualTo("key '" + prefix + "-ok' is already on row 2 of this file"),
        m -> assertThat(m).isEqualTo("kpis: baseline of 'cycle time': 'lots' is not a number"),
        m -> assertThat(m).isEqualTo("has 2 cells but the header has 15"));
    assertThat(job.path("errors").findValues("row").stream().map(JsonNode::asInt).toList()).containsExactly(3, 4, 5, 6, 7);
    JsonNode quoted = api.get("auditor-1", "/api/v1/initiatives/" + prefix + "-quoted").json();
    assertThat(quoted.path("request").path("purpose").asString()).isEqualTo("line one\nline two");
  }

  @Test
  void aJsonFileImportsTheSameLaunchBodiesAsTheLaunchApi() {
    String json = "[" + Api.JSON.writeValueAsString(completeLaunch(prefix + "-j1", "LIMITED")) + ","
        + "{\"key\":\"" + prefix + "-j2\",\"name\":\"J2\",\"riskTier\":\"NOPE\"},"
        + "42]";
    JsonNode job = awaitDone(upload(PROGRAM_OFFICE, "pilots.json", "application/json", bytes(json)).location(), Duration.ofSeconds(30));
    assertThat(counts(job)).containsExactly(3, 1, 0, 2);
    assertThat(job.path("errors").get(0).path("row").asInt()).isEqualTo(2);
    assertThat(job.path("errors").get(0).path("message").asString()).contains("riskTier").contains("NOPE").contains("MINIMAL");
    assertThat(job.path("errors").get(1).path("message").asString()).isEqualTo("is not a JSON object");
    // the same body through the launch API is a retry of the same launch, not a conflict
    assertThat(api.post(PROGRAM_OFFICE, "/api/v1/initiatives", completeLaunch(prefix + "-j1", "LIMITED")).status()).isEqualTo(201);
  }

  @Test
  void badFilesAreRefusedWithAClearProblemAndNothingIsImported() {
    assertProblem(upload(PROGRAM_OFFICE, "empty.csv", "text/csv", new byte[0]), 400);
    assertProblem(raw(PROGRAM_OFFICE, "text/csv", new byte[0]), 400);
    assertProblem(raw(PROGRAM_OFFICE, "text/csv", bytes(HEADER + "\n")), 422);
    Api.Response wrongHeader = raw(PROGRAM_OFFICE, "text/csv", bytes("id,title,tier\n1,A,HIGH\n"));
    assertProblem(wrongHeader, 422);
    assertThat(wrongHeader.detail()).contains("Unknown column(s): [id, title, tier]").contains("Missing required column(s): [key, name]")
        .contains(HEADER);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, (byte) 0xff, (byte) 0xfe};
    Api.Response notCsv = upload(PROGRAM_OFFICE, "photo.csv", "text/csv", png);
    assertProblem(notCsv, 415);
    assertThat(notCsv.detail()).contains("not a UTF-8 text file");
    assertProblem(raw(PROGRAM_OFFICE, "application/json", bytes("{\"key\": ")), 422);
    assertProblem(raw(PROGRAM_OFFICE, "text/csv", bytes("key,name\n\"unterminated,quote\n")), 422);
    assertProblem(upload(PROGRAM_OFFICE, "inventory.xlsx", "application/octet-stream", bytes(HEADER)), 415);
    String tooManyRows = "key,name\n" + IntStream.rangeClosed(1, 10_001).mapToObj(i -> "k" + i + ",n").collect(Collectors.joining("\n"));
    Api.Response tooLarge = upload(PROGRAM_OFFICE, "all.csv", "text/csv", bytes(tooManyRows));
    assertProblem(tooLarge, 413);
    assertThat(tooLarge.detail()).contains("more than 10000 initiatives");
    assertThat(api.get("auditor-1", "/api/v1/initiatives/k1").status()).isEqualTo(404);
  }

  @Test
  void aFileOverTheByteLimitIsRefusedBeforeAnythingIsStored() {
    byte[] huge = new byte[10 * 1024 * 1024 + 1];
    java.util.Arrays.fill(huge, (byte) 'a');
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> imports.start("huge.csv", ImportFormat.CSV, huge, new Actor(PROGRAM_OFFICE, java.util.Set.of("program-office"))))
        .isInstanceOfSatisfying(ApiProblem.class, refused -> {
          assertThat(refused.status().value()).isEqualTo(413);
          assertThat(refused.getMessage()).contains("larger than 10240 KiB");
        });
  }

  @Test
  void onlyTheProgramOfficeImportsAndProgressIsShownToItAndToAuditors() {
    String csv = HEADER + "\n" + row(prefix + "-x", "X", "MINIMAL") + "\n";
    assertProblem(upload("security-1", "pilots.csv", "text/csv", bytes(csv)), 403);
    assertThat(api.get("auditor-1", "/api/v1/initiatives/" + prefix + "-x").status()).isEqualTo(404);

    Api.Response accepted = upload(PROGRAM_OFFICE, "pilots.csv", "text/csv", bytes(csv));
    assertThat(api.get("auditor-1", accepted.location()).status()).isEqualTo(200);
    assertThat(api.get("program-office-2", accepted.location()).status()).isEqualTo(200);
    assertProblem(api.get("legal-1", accepted.location()), 403);
    assertProblem(api.get("auditor-1", "/api/v1/imports/" + UUID.randomUUID()), 404);
    assertProblem(api.get("auditor-1", "/api/v1/imports/not-an-id"), 404);
  }

  @Test
  void theTemplatesListTheDocumentedColumnsAndImportAsTheyAre() {
    Api.Response csv = api.get("legal-1", "/api/v1/initiatives/import/template?format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.raw().lines().findFirst().orElseThrow()).isEqualTo(HEADER);
    Api.Response json = api.get("legal-1", "/api/v1/initiatives/import/template?format=json");
    assertThat(json.json().get(0).path("owners").path("business").asString()).isEqualTo("bea.owner");
    assertProblem(api.get("legal-1", "/api/v1/initiatives/import/template?format=xlsx"), 422);

    String unique = csv.raw().replace("claims-triage", prefix + "-tpl");
    JsonNode job = awaitDone(raw(PROGRAM_OFFICE, "text/csv", bytes(unique)).location(), Duration.ofSeconds(30));
    assertThat(counts(job)).containsExactly(1, 1, 0, 0);
    String uniqueJson = json.raw().replace("claims-triage", prefix + "-tpl");
    JsonNode sameAsJson = awaitDone(raw(PROGRAM_OFFICE, "application/json", bytes(uniqueJson)).location(), Duration.ofSeconds(30));
    assertThat(counts(sameAsJson)).as("the JSON template is the same initiative as the CSV one").containsExactly(1, 0, 1, 0);
  }

  /** F8: the JSON import reads rows with the launch API's strict reader; F7: and refuses numbers that are not finite. */
  @Test
  void jsonRowsAreReadAsStrictlyAsTheLaunchApi() {
    String good = "{\"key\": \"" + prefix + "-ok\", \"name\": \"Fine\"}";
    String unknownField = "{\"key\": \"" + prefix + "-unknown\", \"name\": \"Typo\", \"buisnessUnit\": \"x\"}";
    String nullKpi = "{\"key\": \"" + prefix + "-nullkpi\", \"name\": \"Null KPI\", \"kpis\": [null]}";
    String nanBaseline = "{\"key\": \"" + prefix + "-nan\", \"name\": \"NaN\", \"kpis\": [{\"name\": \"k\", \"baseline\": \"NaN\", \"target\": 1}]}";
    String hugeCost = "{\"key\": \"" + prefix + "-huge\", \"name\": \"Huge\", \"budget\": {\"monthlyCost\": 1e999999999, \"currency\": \"EUR\"}}";
    String file = "[" + String.join(",", good, unknownField, nullKpi, nanBaseline, hugeCost) + "]";

    JsonNode job = awaitDone(raw(PROGRAM_OFFICE, "application/json", bytes(file)).location(), Duration.ofSeconds(30));

    assertThat(counts(job)).containsExactly(5, 1, 0, 4);
    assertThat(job.path("errors")).extracting(e -> e.path("row").asInt() + " " + e.path("message").asString())
        .satisfiesExactly(
            e -> assertThat(e).startsWith("2 ").contains("buisnessUnit").contains("businessUnit").doesNotContain("io.runway"),
            e -> assertThat(e).startsWith("3 ").contains("kpis[0]").contains("must not be null").doesNotContain("NullPointer"),
            e -> assertThat(e).startsWith("4 ").contains("kpis[0].baseline").contains("finite"),
            e -> assertThat(e).startsWith("5 ").contains("budget.monthlyCost").contains("digits"));
    Api.Response duplicateKeys = raw(PROGRAM_OFFICE, "application/json",
        bytes("[{\"key\": \"" + prefix + "-dup\", \"name\": \"A\", \"name\": \"B\"}]"));
    assertProblem(duplicateKeys, 422);
    assertThat(duplicateKeys.detail()).contains("Duplicate").contains("name");
    assertThat(api.get("auditor-1", "/api/v1/initiatives/" + prefix + "-dup").status()).isEqualTo(404);
  }

  @Test
  void csvNumbersThatAreNotFiniteAreRowErrors() {
    String csv = HEADER + "\n" + row(prefix + "-inf", "Infinite", "LIMITED").replace("cycle time:hours:48:12", "cycle time:hours:1e309:12")
        + "\n" + row(prefix + "-big", "Big", "LIMITED").replace("1200.00", "1e999999999") + "\n";

    JsonNode job = awaitDone(raw(PROGRAM_OFFICE, "text/csv", bytes(csv)).location(), Duration.ofSeconds(30));

    assertThat(counts(job)).containsExactly(2, 0, 0, 2);
    assertThat(job.path("errors").toString()).contains("finite").contains("digits");
  }

  @Test
  void anImportWhoseReplicaStoppedIsTakenOverAndItsPendingRowsLaunch() {
    // what a replica that died mid-import leaves behind: the job RUNNING with a stale heartbeat,
    // one row launched, two acknowledged but not yet launched
    UUID id = UUID.randomUUID();
    jdbc.sql("""
            insert into import_job (id, file_name, format, requested_by, requester_groups, status, started_at, heartbeat_at, runner)
            values (?, 'crashed.csv', 'CSV', ?, '{program-office}', 'RUNNING', now() - interval '10 minutes',
                    now() - interval '5 minutes', 'runner-gone')""")
        .params(id, PROGRAM_OFFICE)
        .update();
    row(id, 2, prefix + "-done", "LAUNCHED");
    row(id, 3, prefix + "-p1", "PENDING");
    row(id, 4, prefix + "-p2", "PENDING");

    JsonNode job = awaitDone("/api/v1/imports/" + id, Duration.ofSeconds(60));

    assertThat(counts(job)).containsExactly(3, 3, 0, 0);
    assertThat(api.get("auditor-1", "/api/v1/initiatives/" + prefix + "-p2").json().path("request").path("name").asString())
        .isEqualTo("Resumed " + prefix + "-p2");
  }

  private void row(UUID job, int row, String key, String status) {
    jdbc.sql("insert into import_row (job_id, row_no, key, payload, status) values (?, ?, ?, ?::jsonb, ?)")
        .params(job, row, key, "{\"key\":\"" + key + "\",\"name\":\"Resumed " + key + "\",\"riskTier\":\"MINIMAL\"}", status)
        .update();
  }

  /** total, launched, alreadyPresent, failed */
  private static List<Integer> counts(JsonNode job) {
    return List.of(job.path("total").asInt(), job.path("launched").asInt(), job.path("alreadyPresent").asInt(),
        job.path("failed").asInt());
  }

  private static String row(String key, String name, String tier) {
    return String.join(",", key, name, "\"Rank claims, fast\"", "imports", tier, "bea.owner", "tim.owner", "oli.owner",
        "sue.sponsor", "personal;financial", "cycle time:hours:48:12", "1200.00", "EUR", "", "");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private JsonNode awaitDone(String location, Duration timeout) {
    assertThat(location).as("Location of the import").isNotNull();
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JsonNode job = api.get(PROGRAM_OFFICE, location).json();
      if ("DONE".equals(job.path("status").asString())) {
        return job;
      }
      assertThat(Instant.now()).as("import still running: " + job).isBefore(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private Api.Response raw(String user, String contentType, byte[] body) {
    return api.send(user, "POST", "/api/v1/initiatives/import", HttpRequest.BodyPublishers.ofByteArray(body), contentType);
  }

  private Api.Response upload(String user, String fileName, String contentType, byte[] content) {
    String boundary = "----runway" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n"));
    body.writeBytes(content);
    body.writeBytes(bytes("\r\n--" + boundary + "--\r\n"));
    return api.send(user, "POST", "/api/v1/initiatives/import", HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
        "multipart/form-data; boundary=" + boundary);
  }
}
