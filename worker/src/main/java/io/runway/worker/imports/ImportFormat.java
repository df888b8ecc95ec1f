package io.runway.worker.imports;

/** The file formats an import reads. */
public enum ImportFormat {
  CSV,
  JSON
}
