package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.runway.lifecycle.Lifecycle;
import io.runway.worker.codec.AesGcmPayloadCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.EncodingKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What Temporal stores is ciphertext: a client without the codec (anyone reading Temporal's
 * database or its API) sees no intake, while Runway itself and the codec server read it all.
 */
class EncryptedPayloadsTest extends ApiTestSupport {

  private static final String CANARY = "zebra-canary-51c2";

  @Autowired WorkflowClient temporal;
  @Autowired AesGcmPayloadCodec codec;

  @Test
  void aCanaryInTheIntakeNeverAppearsInTheRawTemporalHistory() {
    String key = launchWithCanary();
    openTask(key, "SECURITY_REVIEW");

    byte[] raw = withoutCodec().fetchHistory(Lifecycle.workflowId(key)).getHistory().toByteArray();
    Payload input = startedInput(key);

    assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain(CANARY);
    // search attributes and memo are stored in plaintext and indexed: none may carry intake data
    byte[] description = describe(key).toByteArray();
    assertThat(new String(description, StandardCharsets.ISO_8859_1)).doesNotContain(CANARY);
    assertThat(input.getMetadataOrThrow(EncodingKeys.METADATA_ENCODING_KEY).toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(input.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8()).isEqualTo(codec.keys().currentId());
    // the canary is there, encrypted: the codec finds it, and the app shows it
    assertThat(codec.decode(List.of(input)).getFirst().getData().toStringUtf8()).contains(CANARY);
    assertThat(api.get("auditor-1", "/api/v1/initiatives/" + key).json().path("request").path("purpose").asString())
        .contains(CANARY);
  }

  @Test
  void theCodecServerDecodesWhatTheWorkflowStoredForAnAuditor() throws Exception {
    String key = launchWithCanary();

    Api.Response decoded = api.post("auditor-1", "/codec/decode", codecBody(startedInput(key)));

    assertThat(decoded.status()).as(decoded.raw()).isEqualTo(200);
    Payload payload = parse(decoded.raw()).getPayloads(0);
    assertThat(payload.getMetadataOrThrow(EncodingKeys.METADATA_ENCODING_KEY).toStringUtf8()).isEqualTo("json/plain");
    assertThat(payload.getData().toStringUtf8()).contains(CANARY);
  }

  @Test
  void whatAnAdminEncodesDecodesBackAndIsCiphertext() throws Exception {
    Payload plain = Payload.newBuilder()
        .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8("\"" + CANARY + "\""))
        .build();

    Api.Response encoded = api.post("admin-1", "/codec/encode", codecBody(plain));
    Payload ciphertext = parse(encoded.raw()).getPayloads(0);
    Api.Response decoded = api.post("admin-1", "/codec/decode", encoded.raw());

    assertThat(encoded.status()).as(encoded.raw()).isEqualTo(200);
    assertThat(ciphertext.getData().toStringUtf8()).doesNotContain(CANARY);
    assertThat(ciphertext.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8()).isEqualTo(codec.keys().currentId());
    assertThat(parse(decoded.raw()).getPayloads(0)).isEqualTo(plain);
  }

  @Test
  void theCodecServerRefusesAnonymousCallersAndGroupsWithoutTheRight() throws Exception {
    String body = codecBody(startedInput(launchWithCanary()));

    assertProblem(api.post(null, "/codec/decode", body), 401);
    Api.Response reviewer = api.post("security-1", "/codec/decode", body);
    assertProblem(reviewer, 403);
    assertThat(reviewer.detail()).contains("auditor", "admin");
    assertProblem(api.post("auditor-1", "/codec/encode", body), 403);
  }

  @Test
  void aPayloadUnderAnUnknownKeyOrAlteredIsRefusedWithTheReason() throws Exception {
    Payload stored = startedInput(launchWithCanary());
    Payload unknownKey = stored.toBuilder()
        .putMetadata(AesGcmPayloadCodec.KEY_ID, ByteString.copyFromUtf8("retired-2019")).build();
    byte[] data = stored.getData().toByteArray();
    data[20] ^= 0x01;
    Payload altered = stored.toBuilder().setData(ByteString.copyFrom(data)).build();

    Api.Response unknown = api.post("auditor-1", "/codec/decode", codecBody(unknownKey));
    Api.Response tampered = api.post("auditor-1", "/codec/decode", codecBody(altered));

    assertProblem(unknown, 422);
    assertThat(unknown.detail()).contains("'retired-2019', which is not configured");
    assertProblem(tampered, 422);
    assertThat(tampered.detail()).contains("failed authentication");
  }

  @Test
  void aBodyThatIsNotACodecRequestIsABadRequest() {
    assertProblem(api.post("auditor-1", "/codec/decode", "{\"payloads\": 5}"), 400);
    assertProblem(api.post("auditor-1", "/codec/decode", "{\"payloads\": [], \"extra\": true}"), 400);
    assertProblem(api.post("auditor-1", "/codec/decode", "not json"), 400);
  }

  @Test
  void theTemporalUiOriginGetsACorsPreflightAnswerAndOthersDoNot() throws Exception {
    HttpResponse<String> ui = preflight("http://localhost:8088");
    HttpResponse<String> other = preflight("http://evil.example");

    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:8088");
    assertThat(ui.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    assertThat(ui.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("x-namespace", "authorization", "content-type");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void theApiStillGetsCorsFromNobody() throws Exception {
    HttpResponse<String> response = preflight("http://localhost:8088", "/api/v1/initiatives");

    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private String launchWithCanary() {
    String key = uniqueKey("canary");
    Map<String, Object> body = completeLaunch(key, "LIMITED");
    body.put("name", "Claims ranking " + CANARY);
    body.put("purpose", "Rank claims for " + CANARY);
    body.put("sponsor", "sue." + CANARY);
    body.put("owners", Map.of("business", "bea." + CANARY, "technical", "tim.owner", "operations", "oli.owner"));
    Api.Response launched = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", body);
    assertThat(launched.status()).as(launched.raw()).isEqualTo(201);
    return key;
  }

  private WorkflowClient withoutCodec() {
    return WorkflowClient.newInstance(
        temporal.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder().setNamespace(temporal.getOptions().getNamespace()).build());
  }

  private DescribeWorkflowExecutionResponse describe(String key) {
    return temporal.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(temporal.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(Lifecycle.workflowId(key)))
            .build());
  }

  private Payload startedInput(String key) {
    HistoryEvent started = withoutCodec().fetchHistory(Lifecycle.workflowId(key)).getEvents().getFirst();
    return started.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
  }

  private static String codecBody(Payload payload) throws Exception {
    return JsonFormat.printer().print(Payloads.newBuilder().addPayloads(payload).build());
  }

  private static Payloads parse(String json) throws Exception {
    Payloads.Builder payloads = Payloads.newBuilder();
    JsonFormat.parser().merge(json, payloads);
    return payloads.build();
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return preflight(origin, "/codec/decode");
  }

  private HttpResponse<String> preflight(String origin, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-namespace,authorization")
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
