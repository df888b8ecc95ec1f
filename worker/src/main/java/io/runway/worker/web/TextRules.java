package io.runway.worker.web;

/**
 * What text Runway accepts from outside, wherever it comes from (a JSON body, a query parameter, a
 * form field, a user name): no control characters but tab, CR and LF (U+0000 cannot even be stored by
 * PostgreSQL), and no unpaired surrogates (not Unicode text at all).
 */
public final class TextRules {

  private TextRules() {}

  /** Why {@code text} cannot be accepted, or null when it can. */
  public static String problemWith(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return String.format("contains the control character U+%04X, which is not allowed", (int) c);
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return String.format("contains an unpaired surrogate U+%04X, which is not valid Unicode text", (int) c);
      }
    }
    return null;
  }

  /** {@code text} with every character {@link #problemWith} refuses written as a backslash-u escape (NUL as the six characters backslash, u, 0000): storable and visible. */
  public static String escaped(String text) {
    if (text == null || problemWith(text) == null) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        out.append(c).append(text.charAt(++i));
      } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
