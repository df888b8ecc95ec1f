package io.runway.worker.web;

import io.runway.worker.security.AccessMatrix;
import io.runway.worker.security.AccessMatrix.Rule;
import io.runway.worker.security.Groups;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document as a contract, not the generator's guess: the two ways to authenticate, who may
 * call each operation (from {@link AccessMatrix}, the same declaration the security chain enforces),
 * the success status each really answers, and the problem+json refusals it can give, with examples.
 * Controllers carry what only they know (summary, description, tag, a 409 and why, their media types);
 * {@code OpenApiContractTest} holds every operation to it and {@code .ci/contract} checks it against
 * the running app with schemathesis.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiContract {

  static final String BASIC = "basicAuth";
  static final String BEARER = "bearerAuth";
  static final String PROBLEM = "Problem";
  static final String VALIDATION_PROBLEM = "ValidationProblem";
  static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  /** The resources, in the order a reader meets them; each controller tags its operations with one. */
  static final Map<String, String> TAGS = tags();

  private static Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("Initiatives", "Launch AI initiatives, follow them through their gates, and act on them.");
    tags.put("Tasks", "Review tasks: the inbox, claiming, and decisions.");
    tags.put("Imports", "Import a whole inventory of initiatives from a CSV or JSON file.");
    tags.put("Value", "KPI and cost actuals after go-live, and the value they add up to.");
    tags.put("Portfolio", "Figures over every initiative: funnel, time in gate, stalls.");
    tags.put("Tickets", "The local ticket board (the ticketing adapter's `local` provider).");
    tags.put("CRM records", "The local CRM (the CRM adapter's `local` provider).");
    tags.put("Models", "The local model registry (the MLOps adapter's `local` provider).");
    tags.put("Notifications", "The notification outbox.");
    tags.put("Webhooks", "Signed inbound events from systems of record, and their delivery log.");
    tags.put("Audit", "The tamper-evident audit trail.");
    tags.put("Codec", "Temporal's remote codec protocol, for the Temporal UI and CLI.");
    return tags;
  }

  @Bean
  OpenApiCustomizer runwayContract() {
    return OpenApiContract::customize;
  }

  static void customize(OpenAPI api) {
    api.info(new Info().title("Runway API").version("v1")
        .description("Runway orchestrates the lifecycle of AI initiatives, from intake through review gates to "
            + "production and retirement. Every refusal is `application/problem+json` (RFC 9457) with a `detail` a "
            + "person can act on; a 422 also lists each field at fault in `errors`. See docs/api.md.")
        .license(new License().name("Proprietary").identifier("LicenseRef-Runway")));
    api.tags(TAGS.entrySet().stream().map(t -> new Tag().name(t.getKey()).description(t.getValue())).toList());
    Components components = api.getComponents() == null ? new Components() : api.getComponents();
    api.components(components);
    components.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
        .description("HTTP Basic with a Runway user: the demo users of the embedded profile (`<group>-1`, "
            + "`<group>-2`, password `demo`) when `runway.auth.mode=demo`. Repeated failures for one user from "
            + "one address answer 429 until the throttle window passes."));
    components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
        .bearerFormat("JWT").description("An access token (JWT) from your OpenID Connect provider when "
            + "`runway.auth.mode=oidc`: signed by its keys, naming one of `runway.auth.oidc.audiences` in `aud`; "
            + "the groups claim gives the caller's Runway groups."));
    components.addSchemas("FieldProblem", new ObjectSchema().description("One field at fault and why.")
        .addProperty("field", new StringSchema().description("The field's path, or `(request)` for the request as a whole."))
        .addProperty("message", new StringSchema())
        .addProperty("allowedValues", new ArraySchema().items(new StringSchema())
            .description("For enumerations: the values accepted."))
        .required(List.of("field", "message")));
    components.addSchemas(PROBLEM, problemSchema("A refusal (RFC 9457 problem details)."));
    components.addSchemas(VALIDATION_PROBLEM, problemSchema("Invalid values: `errors` names each field at fault.")
        .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldProblem"))
            .minItems(1))
        .required(List.of("title", "status", "detail", "errors")));
    components.addSchemas("Payloads", new ObjectSchema()
        .description("Temporal payloads in proto3 JSON: metadata values and data are base64; null or left out "
            + "means empty.")
        .addProperty("payloads", orNull(new ArraySchema().items(new ObjectSchema()
            .addProperty("metadata", orNull(new ObjectSchema().additionalProperties(new StringSchema().format("byte"))))
            .addProperty("data", orNull(new StringSchema().format("byte"))))
            .description("Left out when there are none (proto3 JSON)."))));
    components.getSchemas().forEach((name, schema) -> {
      if (!OWN_SCHEMAS.contains(name)) {
        absentIsNull(schema);
      }
    });
    if (api.getPaths() == null) {
      return;
    }
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
        document(path, method, operation)));
  }

  private static final java.util.Set<String> OWN_SCHEMAS = java.util.Set.of(PROBLEM, VALIDATION_PROBLEM, "FieldProblem", "Payloads");

  /**
   * A field the generator does not mark required may be absent from a request, and Runway's answers
   * write it as {@code null} then: the document says so (OpenAPI 3.1: {@code null} among the types), or
   * a client generated from it would refuse Runway's own answers.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static void absentIsNull(Schema<?> schema) {
    if (schema.getProperties() == null) {
      return;
    }
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    Map<String, Schema> properties = (Map) schema.getProperties();
    properties.replaceAll((name, property) -> required.contains(name) ? property : orNull(property));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema orNull(Schema property) {
    boolean simple = property.get$ref() == null && property.getEnum() == null && property.getAnyOf() == null
        && property.getOneOf() == null && property.getAllOf() == null;
    java.util.Set<String> types = property.getTypes();
    if (simple && types != null && !types.isEmpty()) {
      if (!types.contains("null")) {
        java.util.Set<String> withNull = new java.util.LinkedHashSet<>(types);
        withNull.add("null");
        property.setTypes(withNull);
      }
      return property;
    }
    if (property.getAnyOf() != null && property.getAnyOf().stream()
        .anyMatch(s -> s instanceof Schema<?> one && one.getTypes() != null && one.getTypes().contains("null"))) {
      return property;
    }
    Schema nothing = new Schema<>();
    nothing.setTypes(java.util.Set.of("null"));
    Schema either = new Schema<>();
    either.setAnyOf(List.of(property, nothing));
    return either;
  }

  private static ObjectSchema problemSchema(String description) {
    ObjectSchema schema = new ObjectSchema();
    schema.description(description)
        .addProperty("type", new StringSchema().example("about:blank")
            .description("A URI naming the kind of problem; absent means about:blank (RFC 9457)."))
        .addProperty("title", new StringSchema().description("The status's reason phrase."))
        .addProperty("status", new IntegerSchema().format("int32"))
        .addProperty("detail", new StringSchema().description("What went wrong and what to do about it."))
        .addProperty("instance", new StringSchema().description("The path that was called."))
        .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldProblem")))
        .required(List.of("title", "status", "detail"));
    return schema;
  }

  private static void document(String path, PathItem.HttpMethod method, Operation operation) {
    Optional<Rule> rule = AccessMatrix.ruleFor(method.name(), path);
    boolean signed = isWebhookIntake(path, method);
    if (signed) {
      operation.setSecurity(List.of());
    } else {
      operation.setSecurity(List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(BEARER)));
    }
    rule.ifPresent(r -> operation.description(join(operation.getDescription(), "**Who may call it:** " + whoMay(r)
        + (r.note == null ? "" : " (" + r.note + ")") + ".")));
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    operation.setResponses(responses);
    rule.filter(r -> r.okStatus != 200 && responses.containsKey("200") && !responses.containsKey(Integer.toString(r.okStatus)))
        .ifPresent(r -> {
          ApiResponse ok = responses.remove("200");
          responses.addApiResponse(Integer.toString(r.okStatus), ok.description(successDescription(r.okStatus)));
        });
    boolean hasBody = operation.getRequestBody() != null;
    boolean hasPathParameters = parameters(operation, "path");
    boolean hasQueryParameters = parameters(operation, "query");
    boolean codec = path.startsWith("/codec/");
    if (signed) {
      operation.getRequestBody().content(new Content().addMediaType("application/json", new MediaType()
          .schema(new ObjectSchema().description("The sender's event as it sends it (a Jira or ServiceNow webhook, an "
              + "MLflow model-version event, an Alertmanager notification); the signature covers these exact bytes."))));
    }
    if (path.equals("/api/v1/initiatives/import") && hasBody) {
      Schema<?> row = new Schema<>().$ref("#/components/schemas/LaunchBody");
      Schema<?> rows = new ArraySchema().items(row).minItems(1);
      operation.getRequestBody().getContent().addMediaType("application/json", new MediaType().schema(new Schema<>()
          .description("The initiatives as a JSON array of launch requests (or an object whose initiatives is that "
              + "array), as in the JSON template. A row that is not a valid launch request is reported in the import's "
              + "errors and the other rows go on.")
          .anyOf(List.of(rows, new ObjectSchema().addProperty("initiatives", rows).required(List.of("initiatives"))))));
      operation.getRequestBody().getContent().addMediaType("text/csv", new MediaType().schema(new StringSchema()
          .description("The initiatives as CSV with a header row, as in the CSV template.")));
    }
    if (codec && hasBody) {
      operation.getRequestBody().required(true).content(new Content().addMediaType("application/json",
          new MediaType().schema(new Schema<>().$ref("#/components/schemas/Payloads"))));
    }
    Map<Integer, String> refusals = new TreeMap<>();
    refusals.put(400, "The request cannot be read: a malformed URL, parameter or body (malformed JSON, a field of "
        + "the wrong type or one the request does not have).");
    refusals.put(406, "None of the types the Accept header names is one this operation answers in (or the header "
        + "cannot be read); the detail lists those it does.");
    if (signed) {
      refusals.put(401, "The signature header is missing or does not match the body, or no secret is configured for "
          + "this source.");
      refusals.put(404, "Runway takes no webhooks from such a source.");
    } else {
      refusals.put(401, "No credentials, or credentials Runway does not accept (see the security schemes).");
      refusals.put(403, "The caller's groups may not do this; the detail names who may.");
      refusals.put(429, "Sign-in for this user from this address is paused after repeated failures (HTTP Basic); "
          + "`Retry-After` says for how long.");
    }
    if (hasPathParameters && !signed) {
      refusals.put(404, "Nothing with this identifier.");
    }
    if (hasBody) {
      refusals.put(413, "The body is larger than the limit (`runway.api.max-body-bytes`, or `runway.import.max-bytes` "
          + "for imports).");
    }
    if (hasBody && !signed) {
      refusals.put(415, "The body's Content-Type is not one this operation takes; the detail lists those it does.");
    }
    if ((hasBody || hasQueryParameters) && !signed) {
      refusals.put(422, "Invalid values: `errors` names each field at fault and why.");
    }
    if (!codec && !path.endsWith("/import/template")) {
      refusals.put(503, "The database or Temporal is unreachable or too busy; retry later. A command may still have "
          + "taken effect: check before retrying.");
    }
    refusals.forEach((status, why) -> {
      String code = Integer.toString(status);
      ApiResponse response = responses.get(code);
      if (response == null) {
        response = new ApiResponse().description(why);
        responses.addApiResponse(code, response);
      }
    });
    responses.forEach((code, response) -> {
      if (code.startsWith("4") || code.startsWith("5")) {
        int status = Integer.parseInt(code);
        response.content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
            .schema(new Schema<>().$ref("#/components/schemas/" + (status == 422 ? VALIDATION_PROBLEM : PROBLEM)))
            .examples(Map.of("problem", new Example().value(example(status, path, response.getDescription()))))));
      }
    });
  }

  private static boolean isWebhookIntake(String path, PathItem.HttpMethod method) {
    return method == PathItem.HttpMethod.POST && path.equals("/api/v1/webhooks/{source}");
  }

  private static boolean parameters(Operation operation, String in) {
    List<Parameter> parameters = operation.getParameters();
    return parameters != null && parameters.stream().anyMatch(p -> in.equals(p.getIn()));
  }

  private static String successDescription(int status) {
    return switch (status) {
      case 201 -> "Created.";
      case 202 -> "Accepted: the workflow carries it out.";
      default -> "OK.";
    };
  }

  private static String join(String description, String more) {
    return description == null || description.isBlank() ? more : description + "\n\n" + more;
  }

  /** The roles a rule lets in, as the README's access matrix says them. */
  static String whoMay(Rule rule) {
    List<String> who = new ArrayList<>();
    for (String group : Groups.ALL) {
      if (rule.accessOf(group) == AccessMatrix.Access.YES) {
        who.add("`" + group + "`");
      }
    }
    if (rule.subject != null) {
      who.add(rule.subject);
    }
    return who.isEmpty() ? "nobody" : String.join(", ", who);
  }

  private static Map<String, Object> example(int status, String path, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
    body.put("type", "about:blank");
    body.put("title", known == null ? "Error" : known.getReasonPhrase());
    body.put("status", status);
    body.put("detail", switch (status) {
      case 401 -> "Authentication required: send HTTP Basic credentials of a Runway user.";
      case 403 -> "Only program-office may launch an initiative; security-1 is in [security].";
      case 404 -> "No initiative with key 'fraud-scoring'.";
      case 406 -> "Acceptable representations: [application/json, application/*+json].";
      case 413 -> "The request body is larger than 256 KiB; send a smaller body.";
      case 415 -> "Content-Type 'text/plain' is not accepted here; send one of [application/json].";
      case 422 -> "Invalid values: riskTier is required (one of MINIMAL, LIMITED, HIGH, PROHIBITED)";
      case 429 -> "Too many failed sign-ins for security-1. Sign-in for this user from this address is paused after "
          + "repeated failures; a correct password does not lift it early.";
      case 503 -> "The database is not reachable right now, or too busy; retry in a moment.";
      default -> description;
    });
    body.put("instance", path);
    if (status == 422) {
      body.put("errors", List.of(Map.of("field", "riskTier",
          "message", "is required (one of MINIMAL, LIMITED, HIGH, PROHIBITED)")));
    }
    return body;
  }
}
