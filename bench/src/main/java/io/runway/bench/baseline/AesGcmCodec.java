package io.runway.bench.baseline;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.common.converter.CodecDataConverter;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The baseline's payload codec: AES-256-GCM over each whole payload, as Runway's codec does, so the
 * two pay the same for encryption and their histories carry the same overhead per payload.
 */
public final class AesGcmCodec implements PayloadCodec {

  static final ByteString ENCODING = ByteString.copyFromUtf8("binary/encrypted");
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  public AesGcmCodec(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  public static DataConverter dataConverter(String base64Key) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(new AesGcmCodec(Base64.getDecoder().decode(base64Key))));
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      return Payload.newBuilder()
          .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ENCODING)
          .putMetadata("encryption-key-id", ByteString.copyFromUtf8("bench"))
          .setData(ByteString.copyFrom(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(e);
    }
  }

  private Payload decrypt(Payload payload) {
    if (!ENCODING.equals(payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, ByteString.EMPTY))) {
      return payload;
    }
    try {
      byte[] data = payload.getData().toByteArray();
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, data, 0, 12));
      return Payload.parseFrom(cipher.doFinal(data, 12, data.length - 12));
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(e);
    }
  }
}
