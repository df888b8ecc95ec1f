package io.runway.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {

  private static final String CANARY = "canary-7f3a purpose of a confidential initiative";
  private static final byte[] KEY_1 = randomKey();
  private static final byte[] KEY_2 = randomKey();

  private final Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload(CANARY).orElseThrow();

  @Test
  void anEncodedPayloadHidesTheValueAndItsTypeAndNamesOnlyTheKey() {
    Payload encoded = only(codec(Map.of("k1", KEY_1), "k1").encode(List.of(plain)));

    assertThat(encoded.getMetadataMap()).containsOnlyKeys(EncodingKeys.METADATA_ENCODING_KEY, AesGcmPayloadCodec.KEY_ID);
    assertThat(encoded.getMetadataOrThrow(EncodingKeys.METADATA_ENCODING_KEY).toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(encoded.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8()).isEqualTo("k1");
    assertThat(encoded.toByteString().toString(StandardCharsets.ISO_8859_1)).doesNotContain("canary", "json/plain");
  }

  @Test
  void decodingGivesBackTheOriginalPayload() {
    AesGcmPayloadCodec codec = codec(Map.of("k1", KEY_1), "k1");

    assertThat(codec.decode(codec.encode(List.of(plain)))).containsExactly(plain);
  }

  @Test
  void theSameValueEncryptsDifferentlyEachTime() {
    AesGcmPayloadCodec codec = codec(Map.of("k1", KEY_1), "k1");

    assertThat(only(codec.encode(List.of(plain))).getData()).isNotEqualTo(only(codec.encode(List.of(plain))).getData());
  }

  @Test
  void afterARotationOldPayloadsAreReadAndNewOnesUseTheNewKey() {
    Payload writtenWithKey1 = only(codec(Map.of("k1", KEY_1), "k1").encode(List.of(plain)));
    Map<String, byte[]> both = new LinkedHashMap<>();
    both.put("k1", KEY_1);
    both.put("k2", KEY_2);
    AesGcmPayloadCodec rotated = codec(both, "k2");

    Payload writtenAfterRotation = only(rotated.encode(List.of(plain)));

    assertThat(only(rotated.decode(List.of(writtenWithKey1)))).isEqualTo(plain);
    assertThat(writtenAfterRotation.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8()).isEqualTo("k2");
    assertThat(only(rotated.decode(List.of(writtenAfterRotation)))).isEqualTo(plain);
  }

  @Test
  void aPayloadWithAnUnknownKeyIdFailsNamingTheKey() {
    Payload writtenWithKey1 = only(codec(Map.of("k1", KEY_1), "k1").encode(List.of(plain)));
    AesGcmPayloadCodec withoutKey1 = codec(Map.of("k2", KEY_2), "k2");

    assertThatThrownBy(() -> withoutKey1.decode(List.of(writtenWithKey1)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key 'k1', which is not configured")
        .hasMessageContaining("[k2]");
  }

  @Test
  void alteredCiphertextFailsAuthentication() {
    AesGcmPayloadCodec codec = codec(Map.of("k1", KEY_1), "k1");
    Payload encoded = only(codec.encode(List.of(plain)));
    byte[] data = encoded.getData().toByteArray();
    data[data.length / 2] ^= 0x01;
    Payload tampered = encoded.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> codec.decode(List.of(tampered)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("failed authentication with key 'k1'");
  }

  @Test
  void aPayloadRelabelledWithAnotherKnownKeyIdFailsAuthentication() {
    Map<String, byte[]> both = new LinkedHashMap<>();
    both.put("k1", KEY_1);
    both.put("k2", KEY_2);
    AesGcmPayloadCodec codec = codec(both, "k1");
    Payload relabelled =
        only(codec.encode(List.of(plain))).toBuilder().putMetadata(AesGcmPayloadCodec.KEY_ID, ByteString.copyFromUtf8("k2")).build();

    assertThatThrownBy(() -> codec.decode(List.of(relabelled))).hasMessageContaining("failed authentication with key 'k2'");
  }

  @Test
  void aKeyConfiguredUnderTheRightIdButWithOtherBytesFailsAuthentication() {
    Payload writtenWithKey1 = only(codec(Map.of("k1", KEY_1), "k1").encode(List.of(plain)));

    assertThatThrownBy(() -> codec(Map.of("k1", KEY_2), "k1").decode(List.of(writtenWithKey1)))
        .hasMessageContaining("not the one it was written with");
  }

  @Test
  void aPayloadWrittenBeforeEncryptionPassesThrough() {
    assertThat(codec(Map.of("k1", KEY_1), "k1").decode(List.of(plain))).containsExactly(plain);
  }

  @Test
  void failureMessagesAreEncryptedAndComeBackWithTheirTypeAndMessage() {
    CodecDataConverter converter = new CodecDataConverter(
        DefaultDataConverter.STANDARD_INSTANCE, List.of(codec(Map.of("k1", KEY_1), "k1")), true);
    ApplicationFailure refusal = ApplicationFailure.newNonRetryableFailure(CANARY, "io.runway.lifecycle.Refusal$Forbidden");

    Failure stored = converter.exceptionToFailure(refusal);
    RuntimeException read = converter.failureToException(stored);

    assertThat(stored.toByteString().toString(StandardCharsets.ISO_8859_1)).doesNotContain("canary");
    assertThat(read).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) read).getOriginalMessage()).isEqualTo(CANARY);
    assertThat(((ApplicationFailure) read).getType()).isEqualTo("io.runway.lifecycle.Refusal$Forbidden");
  }

  private static AesGcmPayloadCodec codec(Map<String, byte[]> keys, String current) {
    return new AesGcmPayloadCodec(CodecKeys.of(keys, current));
  }

  private static Payload only(List<Payload> payloads) {
    assertThat(payloads).hasSize(1);
    return payloads.getFirst();
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
