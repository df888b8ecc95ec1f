package io.runway.worker.codec;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code runway.codec.*}: where the payload keys come from and who may call the codec server.
 *
 * @param keys {@code <id>:<base64 of 32 bytes>} entries (from RUNWAY_CODEC_KEYS, comma-separated)
 * @param currentKeyId the key new payloads are written with (optional when there is one key)
 * @param keystore a PKCS12 or JCEKS file of AES secret keys, one per alias (the alias is the key id)
 * @param ephemeralKey with no key configured, generate one (embedded profile only): for this process, or
 *     once and kept in {@code generatedKeyFile} when that is set
 * @param generatedKeyFile where a local run that keeps its data stores the key it generated (file mode 600),
 *     so that the histories it wrote stay readable after a restart
 * @param corsOrigins browser origins allowed to call /codec (the Temporal UI's address)
 */
@ConfigurationProperties("runway.codec")
record CodecProperties(
    List<String> keys,
    String currentKeyId,
    Keystore keystore,
    boolean ephemeralKey,
    String generatedKeyFile,
    List<String> corsOrigins) {

  CodecProperties {
    keys = keys == null ? List.of() : keys.stream().filter(k -> !k.isBlank()).toList();
    keystore = keystore == null ? new Keystore(null, null, null) : keystore;
    corsOrigins = corsOrigins == null ? List.of() : corsOrigins.stream().filter(o -> !o.isBlank()).toList();
  }

  /** The keystore's password also protects each key entry (keytool's default for PKCS12). */
  record Keystore(String path, String password, String type) {
    boolean configured() {
      return path != null && !path.isBlank();
    }

    String typeOrDefault() {
      return type == null || type.isBlank() ? "PKCS12" : type;
    }
  }
}
