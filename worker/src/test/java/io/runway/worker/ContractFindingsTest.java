package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the contract fuzzer (schemathesis, {@code .ci/contract}) found answered 5xx or off the document,
 * each pinned here so it cannot come back: every one is the caller's mistake and answers a 4xx problem.
 */
class ContractFindingsTest extends ApiTestSupport {

  @Test
  void aMultipartContentTypeWithoutBoundaryOnARequestWithoutBodyIsABadRequest() {
    Api.Response response = api.send(PROGRAM_OFFICE, "GET", "/api/v1/initiatives", HttpRequest.BodyPublishers.noBody(),
        "multipart/form-data");

    assertProblem(response, 400);
    assertThat(response.detail()).contains("boundary");
  }

  @Test
  void anImportUploadWithoutMultipartBoundaryIsABadRequest() {
    Api.Response response = api.send(PROGRAM_OFFICE, "POST", "/api/v1/initiatives/import",
        HttpRequest.BodyPublishers.ofString("key,name\n"), "multipart/form-data");

    assertProblem(response, 400);
  }

  @Test
  void aQueryParameterWithoutANameIsABadRequest() {
    Api.Response response = api.send(PROGRAM_OFFICE, "POST", "/api/v1/initiatives/import?=&format=csv",
        HttpRequest.BodyPublishers.ofString("key,name\n"), "text/csv");

    assertProblem(response, 400);
    assertThat(response.detail()).contains("no name");
  }

  @Test
  void aMethodNoEndpointHasIsNotAllowed() {
    Api.Response withUser = api.send(PROGRAM_OFFICE, "FOO", "/api/v1/initiatives", HttpRequest.BodyPublishers.noBody(), null);
    Api.Response withoutUser = api.send(null, "PROPFIND", "/api/v1/tasks", HttpRequest.BodyPublishers.noBody(), null);

    assertProblem(withUser, 405);
    assertProblem(withoutUser, 405);
  }

  @Test
  void postingToTheDeliveryLogIsNotAllowedRatherThanAnUnknownSource() {
    Api.Response response = api.postRaw("/api/v1/webhooks/deliveries", "{}".getBytes(), Map.of());

    assertProblem(response, 405);
  }

  @Test
  void evidenceLinksMustBeHttpLinks() {
    Map<String, Object> evidence = Map.of("gate", "SECURITY_REVIEW", "kind", "threat-model", "title", "Threat model",
        "uri", "ftp://files.example.com/threat-model.pdf");

    Api.Response response = api.post(PROGRAM_OFFICE, "/api/v1/initiatives/any-key/evidence", evidence);

    assertProblem(response, 422);
    assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("uri");
  }

  @Test
  void taskEvidenceLinksMustBeHttpLinks() {
    Map<String, Object> body = Map.of("decision", "APPROVE",
        "evidence", java.util.List.of(Map.of("kind", "k", "title", "t", "uri", "mailto:someone@example.com")));

    Api.Response response = api.post(PROGRAM_OFFICE, "/api/v1/tasks/no-such-task/complete", body);

    assertProblem(response, 422);
  }

  @Test
  void anEmptyValueForAYesNoOrNumberParameterIsRefusedNotReadAsAbsent() {
    assertProblem(api.get(PROGRAM_OFFICE, "/api/v1/tasks?overdue="), 400);
    assertProblem(api.get(PROGRAM_OFFICE, "/api/v1/initiatives?page="), 400);
    Api.Response emptyEnum = api.get(PROGRAM_OFFICE, "/api/v1/tasks?status=");
    assertProblem(emptyEnum, 422);
    assertThat(emptyEnum.json().path("errors").get(0).path("allowedValues").toString()).contains("OPEN");
    assertThat(api.get(PROGRAM_OFFICE, "/api/v1/tasks?initiativeKey=").status()).as("text may be empty").isEqualTo(200);
  }

  @Test
  void aFieldProblemWithoutAllowedValuesLeavesThemOut() {
    Api.Response response = api.post(PROGRAM_OFFICE, "/api/v1/initiatives/any-key/withdraw", Map.of("reason", ""));

    assertProblem(response, 422);
    assertThat(response.json().path("errors").get(0).has("allowedValues")).isFalse();
  }

  @Test
  void theDeliveryLogAdvertisesOnlyTheMethodsItTakes() {
    java.net.http.HttpResponse<Void> response;
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      response = http.send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/webhooks/deliveries"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin-1:demo".getBytes()))
          .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(e);
    }

    assertThat(response.headers().firstValue("Allow").orElse("")).contains("GET").doesNotContain("POST");
  }

  @Test
  void anUnreadableAcceptHeaderOnTheAuditExportIsNotAcceptableRatherThanAFailure() {
    Api.Response response = api.send("auditor-1", "GET", "/api/v1/audit", HttpRequest.BodyPublishers.noBody(), null,
        Map.of("Accept", "CH"));

    assertProblem(response, 406);
  }

  @Test
  void anImportRowWithANulInAFieldNameOrKeyIsReportedNotAFailure() {
    String file = "[{\"key\":\"nul\\u0000key\",\"name\":\"x\"},{\"bad\\u0000field\":1,\"key\":\"ok-key\",\"name\":\"y\"}]";

    Api.Response response = api.send(PROGRAM_OFFICE, "POST", "/api/v1/initiatives/import",
        HttpRequest.BodyPublishers.ofString(file), "application/json");

    assertThat(response.status()).as(response.raw()).isEqualTo(202);
    assertThat(response.json().path("failed").asInt()).isEqualTo(2);
    assertThat(response.raw()).contains("\\\\u0000");
  }
}
