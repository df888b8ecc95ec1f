package io.runway.worker.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The bytes an entry's hash covers, defined so any tool can recompute it (the README repeats this):
 *
 * <pre>
 * hash = lowercase hex SHA-256 of UTF-8( prev_hash + field(v1) + field(seq) + field(occurred_at)
 *        + field(actor) + field(actor_roles) + field(source_address) + field(initiative_key)
 *        + field(action) + field(outcome) + field(http_status) + field(detail) )
 * field(null)  = "-,"
 * field(value) = (number of UTF-8 bytes of value, in decimal) + ":" + value + ","
 * </pre>
 *
 * {@code v1} is the literal {@code runway-audit-v1}; numbers are plain decimals; {@code occurred_at} is
 * UTC with exactly six fractional digits ({@code 2026-11-23T17:10:00.123456Z}); the first entry's
 * {@code prev_hash} is 64 zeros. Length prefixes make the form unambiguous whatever the values contain.
 */
public final class CanonicalForm {

  public static final String VERSION = "runway-audit-v1";
  public static final String GENESIS = "0".repeat(64);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private CanonicalForm() {}

  public static String hash(AuditEntry entry) {
    return hash(entry.prevHash(), entry);
  }

  /** The hash {@code entry} must carry when it follows an entry whose hash is {@code prevHash}. */
  public static String hash(String prevHash, AuditEntry entry) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest((prevHash + content(entry)).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String content(AuditEntry entry) {
    StringBuilder out = new StringBuilder(256);
    for (String value : new String[] {
        VERSION, Long.toString(entry.seq()), time(entry.occurredAt()), entry.actor(), entry.actorRoles(),
        entry.sourceAddress(), entry.initiativeKey(), entry.action(), entry.outcome(),
        entry.httpStatus() == null ? null : entry.httpStatus().toString(), entry.detail()}) {
      field(out, value);
    }
    return out.toString();
  }

  public static String time(Instant instant) {
    return TIME.format(instant);
  }

  private static void field(StringBuilder out, String value) {
    if (value == null) {
      out.append("-,");
    } else {
      out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value).append(',');
    }
  }
}
