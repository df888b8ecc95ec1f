package io.runway.worker.imports;

/** Why one row of an import was not launched; {@code row} is the number a person sees in the file. */
public record RowError(int row, String key, String message) {}
