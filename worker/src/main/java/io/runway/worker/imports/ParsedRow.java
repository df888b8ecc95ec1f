package io.runway.worker.imports;

import io.runway.worker.initiative.LaunchBody;
import io.runway.worker.web.TextRules;

/** One row of an import file: a valid launch body, or the reason it is not one. */
record ParsedRow(int row, String key, LaunchBody body, String error) {

  static ParsedRow valid(int row, LaunchBody body) {
    return new ParsedRow(row, body.key(), body, null);
  }

  /**
   * The key and the reason as PostgreSQL can store them and a person can read them: a broken row may
   * carry a NUL or an unpaired surrogate in its key or in a field name the reason quotes, which the
   * database refuses (and which failed the whole import with a 500 before); such characters are escaped.
   */
  static ParsedRow invalid(int row, String key, String error) {
    return new ParsedRow(row, TextRules.escaped(key), null, TextRules.escaped(error));
  }
}
