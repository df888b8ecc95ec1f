package io.runway.worker.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys the codec knows, by id, and the one new payloads are written with. Old keys stay
 * here after a rotation so that payloads written with them can still be read.
 */
public final class CodecKeys {

  static final int KEY_BYTES = 32;
  private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final Map<String, SecretKey> keys;
  private final String currentId;

  private CodecKeys(Map<String, SecretKey> keys, String currentId) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.currentId = currentId;
  }

  /**
   * @param currentId the key new payloads are written with; may be blank when there is exactly one key
   * @throws InvalidCodecKeyException when a key is not 32 bytes, an id is malformed, or the current id is unknown
   */
  public static CodecKeys of(Map<String, byte[]> rawKeys, String currentId) {
    if (rawKeys.isEmpty()) {
      throw new InvalidCodecKeyException("No payload encryption key is configured.");
    }
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    rawKeys.forEach((id, bytes) -> keys.put(checkId(id), aesKey(id, bytes)));
    String current = currentId == null || currentId.isBlank() ? null : currentId.trim();
    if (current == null) {
      if (keys.size() > 1) {
        throw new InvalidCodecKeyException(
            "Several payload encryption keys are configured " + keys.keySet()
                + " but no current one: set runway.codec.current-key-id (RUNWAY_CODEC_CURRENT_KEY_ID) to the id new payloads are written with.");
      }
      current = keys.keySet().iterator().next();
    }
    if (!keys.containsKey(current)) {
      throw new InvalidCodecKeyException(
          "runway.codec.current-key-id is '" + current + "', but the configured keys are " + keys.keySet() + ".");
    }
    return new CodecKeys(keys, current);
  }

  static String checkId(String id) {
    if (id == null || !KEY_ID.matcher(id).matches()) {
      throw new InvalidCodecKeyException(
          "Key id '" + id + "' is not valid: use 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit.");
    }
    return id;
  }

  private static SecretKey aesKey(String id, byte[] bytes) {
    if (bytes.length != KEY_BYTES) {
      throw new InvalidCodecKeyException(
          "Key '" + id + "' is " + bytes.length + " bytes; AES-256 needs exactly 32 (generate one with `openssl rand -base64 32`).");
    }
    return new SecretKeySpec(bytes, "AES");
  }

  public String currentId() {
    return currentId;
  }

  SecretKey current() {
    return keys.get(currentId);
  }

  Optional<SecretKey> find(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  public Set<String> ids() {
    return keys.keySet();
  }

  /** A key configuration Runway cannot start with; the message says what to change. */
  public static final class InvalidCodecKeyException extends RuntimeException {
    public InvalidCodecKeyException(String message) {
      super(message);
    }

    InvalidCodecKeyException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
