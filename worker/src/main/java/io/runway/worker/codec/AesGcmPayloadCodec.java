package io.runway.worker.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.annotation.Nonnull;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every Temporal payload with AES-256-GCM before it leaves the process. The whole original
 * payload (its metadata and data) is the plaintext, so Temporal stores neither the value nor its
 * type; the stored payload says only {@code encoding: binary/encrypted} and the key id. Each payload
 * gets a fresh random 96-bit nonce (data = nonce || ciphertext || 128-bit tag), and the key id is
 * authenticated data, so a payload relabelled with another key id fails like a tampered one.
 * Payloads without the marker pass through: histories recorded before encryption still replay.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";

  static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CodecKeys keys;

  public AesGcmPayloadCodec(CodecKeys keys) {
    this.keys = keys;
  }

  public CodecKeys keys() {
    return keys;
  }

  @Nonnull
  @Override
  public List<Payload> encode(@Nonnull List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Nonnull
  @Override
  public List<Payload> decode(@Nonnull List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    String keyId = keys.currentId();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.current(), nonce, keyId);
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      byte[] data = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return Payload.newBuilder()
          .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ENCODING_BYTES)
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
          .setData(ByteString.copyFrom(data))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("Encrypting a payload with key '" + keyId + "' failed: " + e.getMessage(), e);
    }
  }

  private Payload decrypt(Payload payload) {
    if (!ENCODING_BYTES.equals(payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, null))) {
      return payload;
    }
    ByteString keyIdBytes = payload.getMetadataOrDefault(KEY_ID, null);
    if (keyIdBytes == null) {
      throw new PayloadCodecException("An encrypted payload has no '" + KEY_ID + "' metadata: it cannot be decrypted.");
    }
    String keyId = keyIdBytes.toStringUtf8();
    SecretKey key =
        keys.find(keyId)
            .orElseThrow(
                () -> new PayloadCodecException(
                    "A payload is encrypted with key '" + keyId + "', which is not configured (known: " + keys.ids()
                        + "). Add that key to runway.codec.keys or the keystore; retired keys must stay configured while histories written with them are kept."));
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException("An encrypted payload (key '" + keyId + "') is too short to be genuine.");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(data, NONCE_BYTES), keyId);
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException(
          "An encrypted payload failed authentication with key '" + keyId
              + "': it was altered, or the key configured under that id is not the one it was written with.", e);
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException("Decrypting a payload with key '" + keyId + "' failed: " + e.getMessage(), e);
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(("runway-codec-v1:" + keyId).getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
