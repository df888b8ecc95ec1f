package io.runway.worker.imports;

import io.runway.worker.initiative.LaunchBody;

/** One row of an import file: a valid launch body, or the reason it is not one. */
record ParsedRow(int row, String key, LaunchBody body, String error) {

  static ParsedRow valid(int row, LaunchBody body) {
    return new ParsedRow(row, body.key(), body, null);
  }

  static ParsedRow invalid(int row, String key, String error) {
    return new ParsedRow(row, key, null, error);
  }
}
