package io.runway.worker.codec;

import io.runway.worker.codec.CodecKeys.InvalidCodecKeyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the configured keys (environment list, keystore file) into {@link CodecKeys}; never logs a key. */
final class KeyLoader {

  private static final Logger log = LoggerFactory.getLogger(KeyLoader.class);

  private KeyLoader() {}

  static CodecKeys load(CodecProperties properties) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    properties.keys().forEach(entry -> add(keys, parseEntry(entry), "RUNWAY_CODEC_KEYS"));
    if (properties.keystore().configured()) {
      fromKeystore(properties.keystore()).forEach((id, bytes) -> add(keys, Map.entry(id, bytes), "the keystore"));
    }
    if (keys.isEmpty()) {
      if (!properties.ephemeralKey()) {
        throw new InvalidCodecKeyException(
            "No payload encryption key is configured, and this profile does not generate one: set RUNWAY_CODEC_KEYS="
                + "<id>:<base64 of 32 random bytes> (e.g. codec-1:$(openssl rand -base64 32)), or RUNWAY_CODEC_KEYSTORE and "
                + "RUNWAY_CODEC_KEYSTORE_PASSWORD. Every Runway process of a deployment needs the same keys.");
      }
      if (properties.generatedKeyFile() != null && !properties.generatedKeyFile().isBlank()) {
        return generatedOnce(Path.of(properties.generatedKeyFile()));
      }
      String id = "ephemeral-" + HexFormat.of().formatHex(random(4));
      log.warn("No payload encryption key configured: generated key '{}' for this process only. Payloads it encrypts "
          + "cannot be read after a restart (the embedded profile loses its Temporal history then anyway).", id);
      return CodecKeys.of(Map.of(id, random(CodecKeys.KEY_BYTES)), id);
    }
    CodecKeys loaded = CodecKeys.of(keys, properties.currentKeyId());
    log.info("Temporal payloads are encrypted with key '{}'; keys known for reading: {}", loaded.currentId(), loaded.ids());
    return loaded;
  }

  /**
   * The key a local run generated on its first start, read back on every later one: without it the
   * payloads in the kept Temporal history could not be decrypted after a restart. Created readable by
   * this user only.
   */
  static CodecKeys generatedOnce(Path file) {
    try {
      if (!Files.exists(file)) {
        String id = "local-" + HexFormat.of().formatHex(random(4));
        String line = id + ":" + Base64.getEncoder().encodeToString(random(CodecKeys.KEY_BYTES)) + "\n";
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
          Files.createFile(temporary);
        }
        Files.writeString(temporary, line, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        log.info("Generated payload encryption key '{}' for this data directory, kept in {} (back it up with the data)", id, file);
      }
      Map.Entry<String, byte[]> entry = parseEntry(Files.readString(file, StandardCharsets.US_ASCII).trim());
      log.info("Temporal payloads are encrypted with key '{}' from {}", entry.getKey(), file);
      return CodecKeys.of(Map.of(entry.getKey(), entry.getValue()), entry.getKey());
    } catch (IOException e) {
      throw new InvalidCodecKeyException("The payload key file " + file + " cannot be read or written: " + e.getMessage(), e);
    }
  }

  static Map.Entry<String, byte[]> parseEntry(String entry) {
    int colon = entry.indexOf(':');
    if (colon < 1) {
      throw new InvalidCodecKeyException(
          "RUNWAY_CODEC_KEYS entries are <id>:<base64 key>, comma-separated; one entry has no id.");
    }
    String id = CodecKeys.checkId(entry.substring(0, colon).trim());
    try {
      return Map.entry(id, Base64.getDecoder().decode(entry.substring(colon + 1).trim()));
    } catch (IllegalArgumentException e) {
      throw new InvalidCodecKeyException("Key '" + id + "' in RUNWAY_CODEC_KEYS is not valid base64.");
    }
  }

  private static void add(Map<String, byte[]> keys, Map.Entry<String, byte[]> key, String source) {
    if (keys.putIfAbsent(key.getKey(), key.getValue()) != null) {
      throw new InvalidCodecKeyException("Key id '" + key.getKey() + "' is configured twice (again in " + source + ").");
    }
  }

  private static Map<String, byte[]> fromKeystore(CodecProperties.Keystore keystore) {
    Path path = Path.of(keystore.path());
    char[] password = keystore.password() == null ? new char[0] : keystore.password().toCharArray();
    Map<String, byte[]> keys = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance(keystore.typeOrDefault());
      store.load(in, password);
      for (String alias : Collections.list(store.aliases())) {
        if (store.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
          Key key = store.getKey(alias, password);
          keys.put(CodecKeys.checkId(alias), key.getEncoded());
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidCodecKeyException(
          "The codec keystore " + path + " (" + keystore.typeOrDefault() + ") cannot be read: " + e.getMessage()
              + ". Check RUNWAY_CODEC_KEYSTORE, RUNWAY_CODEC_KEYSTORE_TYPE and RUNWAY_CODEC_KEYSTORE_PASSWORD.", e);
    }
    if (keys.isEmpty()) {
      throw new InvalidCodecKeyException("The codec keystore " + path + " holds no secret (AES) key entries.");
    }
    return keys;
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
