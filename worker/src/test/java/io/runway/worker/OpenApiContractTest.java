package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.worker.security.AccessMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The served OpenAPI document is a contract: every operation says what it does, whom it is for, how
 * to authenticate, and each refusal it can answer as problem+json. Each test walks EVERY operation, so
 * a new endpoint that is not documented fails here. The document is written to
 * {@code target/openapi.json} for the linter (Redocly, {@code .ci/contract}).
 */
class OpenApiContractTest extends ApiTestSupport {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private JsonNode document;

  @BeforeEach
  void fetch() throws IOException {
    Api.Response response = api.get(null, "/v3/api-docs");
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    document = response.json();
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "openapi.json"), response.raw());
  }

  private void eachOperation(BiConsumer<String, JsonNode> check) {
    List<String> seen = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (METHODS.contains(operation.getKey())) {
          String name = operation.getKey().toUpperCase() + " " + path.getKey();
          seen.add(name);
          check.accept(name, operation.getValue());
        }
      }
    }
    assertThat(seen).as("operations in the document").hasSizeGreaterThan(30);
  }

  @Test
  void coversTheApiAndTheCodecServerOnly() {
    assertThat(document.path("paths").propertyNames()).allMatch(p -> p.startsWith("/api/v1/") || p.startsWith("/codec/"));
    for (AccessMatrix.Rule rule : AccessMatrix.RULES) {
      assertThat(document.path("paths").path(rule.path).has(rule.method.name().toLowerCase()))
          .as("the access matrix's %s is documented", rule).isTrue();
    }
  }

  @Test
  void everyOperationHasASummaryADescriptionAndAResourceTag() {
    Set<String> declaredTags = new java.util.HashSet<>();
    document.path("tags").forEach(tag -> {
      assertThat(tag.path("description").asString()).as("tag %s", tag).isNotBlank();
      declaredTags.add(tag.path("name").asString());
    });
    eachOperation((name, op) -> {
      assertThat(op.path("summary").asString()).as("summary of %s", name).isNotBlank();
      assertThat(op.path("description").asString()).as("description of %s", name).hasSizeGreaterThan(20);
      assertThat(op.path("tags")).as("tags of %s", name).hasSize(1);
      String tag = op.path("tags").get(0).asString();
      assertThat(tag).as("tag of %s", name).doesNotEndWith("-controller").isIn(declaredTags);
    });
  }

  @Test
  void everyOperationDeclaresHowToAuthenticate() {
    JsonNode schemes = document.path("components").path("securitySchemes");
    assertThat(schemes.path("basicAuth").path("scheme").asString()).isEqualTo("basic");
    assertThat(schemes.path("bearerAuth").path("scheme").asString()).isEqualTo("bearer");
    assertThat(schemes.path("bearerAuth").path("bearerFormat").asString()).isEqualTo("JWT");
    eachOperation((name, op) -> {
      assertThat(op.has("security")).as("security of %s", name).isTrue();
      if (name.equals("POST /api/v1/webhooks/{source}")) {
        assertThat(op.path("security")).as("signed by the sender, no user").isEmpty();
        assertThat(op.path("description").asString()).contains("HMAC");
        return;
      }
      List<String> schemesUsed = new ArrayList<>();
      op.path("security").forEach(requirement -> schemesUsed.addAll(requirement.propertyNames()));
      assertThat(schemesUsed).as("security of %s", name).containsExactlyInAnyOrder("basicAuth", "bearerAuth");
      assertThat(op.path("responses").has("401")).as("401 of %s", name).isTrue();
      assertThat(op.path("responses").has("403")).as("403 of %s", name).isTrue();
    });
  }

  @Test
  void whoMayCallEachOperationComesFromTheAccessMatrix() {
    JsonNode launch = document.path("paths").path("/api/v1/initiatives").path("post");
    assertThat(launch.path("description").asString()).contains("**Who may call it:** `program-office`");
    JsonNode deliveries = document.path("paths").path("/api/v1/webhooks/deliveries").path("get");
    assertThat(deliveries.path("description").asString()).contains("`auditor`", "`admin`").doesNotContain("`security`");
    for (AccessMatrix.Rule rule : AccessMatrix.RULES) {
      JsonNode op = document.path("paths").path(rule.path).path(rule.method.name().toLowerCase());
      assertThat(op.path("description").asString()).as("%s", rule).contains("**Who may call it:**");
      assertThat(op.path("responses").has(Integer.toString(rule.okStatus)))
          .as("%s documents its success status %s", rule, rule.okStatus).isTrue();
    }
  }

  @Test
  void everyRefusalIsProblemJsonWithAnExampleAndA422ListsItsFields() {
    eachOperation((name, op) -> {
      List<String> refusals = new ArrayList<>();
      for (Map.Entry<String, JsonNode> response : op.path("responses").properties()) {
        String status = response.getKey();
        if (status.startsWith("4") || status.startsWith("5")) {
          refusals.add(status);
          JsonNode content = response.getValue().path("content");
          assertThat(content.propertyNames()).as("%s %s", name, status).containsExactly("application/problem+json");
          JsonNode media = content.path("application/problem+json");
          assertThat(media.path("schema").path("$ref").asString()).as("%s %s", name, status)
              .isEqualTo(status.equals("422") ? "#/components/schemas/ValidationProblem" : "#/components/schemas/Problem");
          JsonNode example = media.path("examples").path("problem").path("value");
          assertThat(example.path("status").asInt()).as("%s %s example", name, status).isEqualTo(Integer.parseInt(status));
          assertThat(example.path("detail").asString()).as("%s %s example", name, status).isNotBlank();
          if (status.equals("422")) {
            assertThat(example.path("errors")).as("%s 422 example lists fields", name).isNotEmpty();
          }
        }
      }
      assertThat(refusals).as("refusals of %s", name).contains("400");
    });
    JsonNode validation = document.path("components").path("schemas").path("ValidationProblem");
    assertThat(validation.path("required").toString()).contains("errors");
  }

  @Test
  void bodiesAndAnswersNameTheirRealMediaTypes() {
    eachOperation((name, op) -> {
      op.path("responses").forEach(response -> assertThat(response.path("content").propertyNames())
          .as("answers of %s", name).doesNotContain("*/*"));
      assertThat(op.path("requestBody").path("content").propertyNames()).as("body of %s", name).doesNotContain("*/*");
      boolean success = op.path("responses").propertyNames().stream().anyMatch(s -> s.startsWith("2"));
      assertThat(success).as("%s documents a success", name).isTrue();
      if (op.has("requestBody")) {
        assertThat(op.path("responses").has("413")).as("413 of %s", name).isTrue();
      }
    });
    JsonNode paths = document.path("paths");
    JsonNode launched = paths.path("/api/v1/initiatives").path("post").path("responses");
    assertThat(launched.has("201")).isTrue();
    assertThat(launched.has("200")).as("a launch answers 201, not 200").isFalse();
    assertThat(launched.path("201").path("content").has("application/json")).isTrue();
    assertThat(launched.has("409")).isTrue();
    assertThat(paths.path("/api/v1/initiatives/{key}/withdraw").path("post").path("responses").has("202")).isTrue();
    assertThat(paths.path("/api/v1/initiatives/import").path("post").path("requestBody").path("content").propertyNames())
        .containsExactlyInAnyOrder("multipart/form-data", "text/csv", "application/json");
    assertThat(paths.path("/api/v1/audit").path("get").path("responses").path("200").path("content").propertyNames())
        .containsExactlyInAnyOrder("application/json", "text/csv");
  }
}
