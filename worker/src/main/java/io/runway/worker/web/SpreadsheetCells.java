package io.runway.worker.web;

/**
 * CSV cells that a spreadsheet shows as text, never runs as a formula: a value that starts with
 * {@code = + - @}, a tab or a carriage return (what Excel, LibreOffice and Sheets read as the start of
 * a formula) is written with a leading apostrophe, as OWASP recommends against CSV injection. The
 * escape is reversible, so an export can still be checked value for value: {@link #restore} undoes
 * it, and a value that itself begins with an apostrophe before such a character gets one more, so no
 * two values ever share a cell. Every CSV export of Runway writes its cells through {@link #csv}.
 */
public final class SpreadsheetCells {

  private static final String FORMULA_STARTS = "=+-@\t\r";

  private SpreadsheetCells() {}

  /** {@code value} safe to open in a spreadsheet: with one more leading apostrophe if it would start a formula. */
  public static String neutralise(String value) {
    return value != null && escaped(value) ? "'" + value : value;
  }

  /** The value {@link #neutralise} was given, from what it wrote. */
  public static String restore(String cell) {
    return cell != null && cell.startsWith("'") && escaped(cell.substring(1)) ? cell.substring(1) : cell;
  }

  /** One RFC 4180 field, neutralised: quoted when it holds a comma, a quote or a line break, or is empty; null is empty. */
  public static String csv(String value) {
    if (value == null) {
      return "";
    }
    String cell = neutralise(value);
    if (cell.isEmpty() || cell.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }

  /** Whether {@code value} needs the apostrophe: it starts a formula, or is already one apostrophe away from one. */
  private static boolean escaped(String value) {
    int i = 0;
    while (i < value.length() && value.charAt(i) == '\'') {
      i++;
    }
    return i < value.length() && FORMULA_STARTS.indexOf(value.charAt(i)) >= 0;
  }
}
