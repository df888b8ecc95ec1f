package io.runway.worker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What an auditor's own tool does with an export, written from the README's description of the
 * canonical form and NOT from Runway's code, so a drift between the two fails the tests.
 */
final class ExternalAuditCheck {

  static final List<String> CSV_COLUMNS = List.of("seq", "occurred_at", "actor", "actor_roles", "source_address",
      "initiative_key", "action", "outcome", "http_status", "detail", "prev_hash", "hash");

  private ExternalAuditCheck() {}

  /** hash = sha256_hex(prev_hash + field("runway-audit-v1") + field(seq) + ... + field(detail)). */
  static String hash(List<String> row) {
    StringBuilder input = new StringBuilder(row.get(10));
    input.append(field("runway-audit-v1"));
    for (int column = 0; column <= 9; column++) {
      input.append(field(row.get(column)));
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String field(String value) {
    return value == null ? "-," : value.getBytes(StandardCharsets.UTF_8).length + ":" + value + ",";
  }

  /**
   * The export's rows as values: RFC 4180 cells ({@link #cells}), each with the README's spreadsheet
   * escape undone: a cell that starts with an apostrophe followed by = + - @ a tab or a carriage
   * return (after any further apostrophes) was written with one apostrophe more than the value has.
   */
  static List<List<String>> parseCsv(String csv) {
    return rows(csv).stream().map(row -> row.stream().map(ExternalAuditCheck::value).toList()).toList();
  }

  private static String value(String cell) {
    if (cell == null || !cell.startsWith("'")) {
      return cell;
    }
    String rest = cell.substring(1);
    String unquoted = rest.replaceFirst("^'*", "");
    return !unquoted.isEmpty() && "=+-@\t\r".indexOf(unquoted.charAt(0)) >= 0 ? rest : cell;
  }

  /** Every cell of the export as written, row after row. */
  static List<String> cells(String csv) {
    return rows(csv).stream().flatMap(List::stream).toList();
  }

  /** RFC 4180, with the README's convention: an empty unquoted field is null, {@code ""} the empty string. */
  private static List<List<String>> rows(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          value.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          value.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',' || c == '\r') {
        if (c == '\r') {
          i++; // the \n of CRLF
        }
        row.add(value.isEmpty() && !wasQuoted ? null : value.toString());
        value.setLength(0);
        wasQuoted = false;
        if (c == '\r') {
          rows.add(row);
          row = new ArrayList<>();
        }
      } else {
        value.append(c);
      }
    }
    return rows;
  }
}
