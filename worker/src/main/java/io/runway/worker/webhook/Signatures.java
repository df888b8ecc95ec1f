package io.runway.worker.webhook;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over the raw body in the {@code sha256=<hex>} form Jira (WebSub) uses and Runway asks of the others. */
final class Signatures {

  private static final String PREFIX = "sha256=";

  private Signatures() {}

  static String sign(byte[] secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  /** Constant-time: how much of a forged signature matches must not show in the answer time. */
  static boolean verify(byte[] secret, byte[] body, String header) {
    if (header == null || !header.trim().toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      return false;
    }
    byte[] presented;
    try {
      presented = HexFormat.of().parseHex(header.trim().substring(PREFIX.length()).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), presented);
  }

  /** A content hash for deriving delivery ids, hex-encoded. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  private static byte[] hmac(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
