package io.runway.worker.codec;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.runway.lifecycle.model.Actor;
import io.runway.worker.security.Actors;
import io.runway.worker.security.Groups;
import io.runway.worker.web.ApiProblem;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, for the Temporal UI and {@code temporal --codec-endpoint}: POST a
 * proto3-JSON {@code {"payloads":[{"metadata":{k: base64}, "data": base64}]}} to /codec/decode or
 * /codec/encode and get the same shape back. Decoding shows everything an initiative holds, so only
 * auditors and admins may; encoding makes payloads the workers would accept, so only admins may.
 */
@Tag(name = "Codec")
@RestController
@RequestMapping("/codec")
class CodecController {

  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private final AesGcmPayloadCodec codec;

  CodecController(AesGcmPayloadCodec codec) {
    this.codec = codec;
  }

  @Operation(summary = "Decode payloads",
      description = "Temporal's remote codec protocol: the payloads as Temporal stores them (encrypted) in, readable out. Only auditors and admins may, as it shows everything an initiative holds.")
  @ApiResponse(responseCode = "200", description = "The payloads, decrypted, in the same shape.", content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Payloads")))
  @ApiResponse(responseCode = "422", description = "A payload cannot be decrypted with any configured key.")
  @PostMapping(path = "/decode", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> decode(@RequestBody String body, Authentication user) {
    require(user, List.of(Groups.AUDITOR, Groups.ADMIN), "decode payloads");
    return run(body, codec::decode);
  }

  @Operation(summary = "Encode payloads",
      description = "Temporal's remote codec protocol: readable payloads in, encrypted with the current key out. Only admins may, as it makes payloads the workers accept.")
  @ApiResponse(responseCode = "200", description = "The payloads, encrypted, in the same shape.", content = @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Payloads")))
  @PostMapping(path = "/encode", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> encode(@RequestBody String body, Authentication user) {
    require(user, List.of(Groups.ADMIN), "encode payloads");
    return run(body, codec::encode);
  }

  private static void require(Authentication user, List<String> groups, String what) {
    Actor actor = Actors.of(user);
    if (groups.stream().noneMatch(actor::isMemberOf)) {
      throw ApiProblem.forbidden(
          "Only members of " + groups + " may " + what + " through the codec server; " + actor.username() + " is in "
              + actor.groups() + ".");
    }
  }

  /** The parser's message says where and what; the exception class names it carries say nothing to a caller. */
  static String withoutClassNames(String message) {
    return message == null ? "unreadable" : message.replaceAll("(?:[a-zA-Z_$][\\w$]*\\.)+[\\w$]*(?:Exception|Error): ", "");
  }

  private static ResponseEntity<String> run(String body, UnaryOperator<List<Payload>> operation) {
    Payloads.Builder request = Payloads.newBuilder();
    try {
      PARSER.merge(body, request);
    } catch (InvalidProtocolBufferException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "The body is not a codec request {\"payloads\":[{\"metadata\":{...},\"data\":\"<base64>\"}]}: "
              + withoutClassNames(e.getMessage()),
          null);
    }
    List<Payload> result;
    try {
      result = operation.apply(request.getPayloadsList());
    } catch (PayloadCodecException e) {
      throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), null);
    }
    try {
      return ResponseEntity.ok()
          .contentType(MediaType.APPLICATION_JSON)
          .body(PRINTER.print(Payloads.newBuilder().addAllPayloads(result).build()));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("payloads cannot be printed as JSON", e);
    }
  }
}
