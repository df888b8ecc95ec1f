package io.runway.worker.docs;

import java.nio.file.Path;

/** Where the documentation lives, seen from the worker module (the directory Maven runs its tests in). */
final class Docs {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path README = ROOT.resolve("README.md");

  private Docs() {}
}
