package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Errors the HTTP layer answers before any business rule: all problem+json with a useful detail. */
class HttpErrorsTest extends ApiTestSupport {

  private static final String OVERSIZED = "{\"key\":\"big\",\"name\":\"" + "x".repeat(300 * 1024) + "\"}";

  @Test
  void noCredentialsIsUnauthorized() {
    Api.Response response = api.get(null, "/api/v1/tasks");

    assertProblem(response, 401);
  }

  @Test
  void aWrongPasswordIsUnauthorized() {
    Api.Response response = api.get("security-1:wrong", "/api/v1/tasks");

    assertProblem(response, 401);
  }

  @Test
  void aBodyOverTheLimitIsRefusedByItsContentLength() {
    Api.Response response = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", OVERSIZED);

    assertProblem(response, 413);
    assertThat(response.detail()).contains("256 KiB");
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefusedWhileReading() {
    Api.Response response =
        api.postChunked(PROGRAM_OFFICE, "/api/v1/initiatives", OVERSIZED.getBytes(StandardCharsets.UTF_8));

    assertProblem(response, 413);
  }

  @Test
  void anUnsupportedMediaTypeIsRefused() {
    Api.Response response =
        api.send(PROGRAM_OFFICE, "POST", "/api/v1/initiatives", HttpRequest.BodyPublishers.ofString("key=x"), "text/plain");

    assertProblem(response, 415);
  }

  @Test
  void anUnsupportedMethodIsRefused() {
    Api.Response response =
        api.send(PROGRAM_OFFICE, "DELETE", "/api/v1/initiatives", HttpRequest.BodyPublishers.noBody(), null);

    assertProblem(response, 405);
  }

  @Test
  void anUnknownPathIsNotFound() {
    assertProblem(api.get(PROGRAM_OFFICE, "/api/v1/nothing-here"), 404);
  }

  @Test
  void anUnknownInitiativeIsNotFound() {
    Api.Response response = api.get(PROGRAM_OFFICE, "/api/v1/initiatives/no-such-initiative");

    assertProblem(response, 404);
    assertThat(response.detail()).contains("no-such-initiative");
  }

  @Test
  void anUnknownEnumInAQueryParameterListsTheAllowedValues() {
    Api.Response response = api.get(PROGRAM_OFFICE, "/api/v1/initiatives?stage=SOMEWHERE");

    assertProblem(response, 422);
    assertThat(response.json().path("errors").get(0).path("allowedValues").toString()).contains("IN_PRODUCTION");
  }

  @Test
  void aNonNumericPageIsABadRequest() {
    Api.Response response = api.get(PROGRAM_OFFICE, "/api/v1/initiatives?page=first");

    assertProblem(response, 400);
    assertThat(response.detail()).contains("page");
  }

  @Test
  void theOpenApiDocumentIsServed() {
    Api.Response response = api.get(null, "/v3/api-docs");

    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    assertThat(response.json().path("paths").has("/api/v1/initiatives")).isTrue();
    assertThat(response.json().path("paths").has("/api/v1/tasks/{id}/complete")).isTrue();
  }
}
