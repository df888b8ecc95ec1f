package io.runway.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key a local run generates once and reads back on every start: its kept histories stay readable. */
class GeneratedKeyFileTest {

  @TempDir Path dir;

  @Test
  void theKeyIsGeneratedOnceReadableByItsOwnerOnlyAndTheSameOnEveryStart() throws IOException {
    Path file = dir.resolve("codec.key");
    CodecKeys first = KeyLoader.generatedOnce(file);
    CodecKeys second = KeyLoader.generatedOnce(file);

    assertThat(first.currentId()).startsWith("local-").isEqualTo(second.currentId());
    assertThat(first.find(first.currentId()).orElseThrow().getEncoded())
        .isEqualTo(second.find(second.currentId()).orElseThrow().getEncoded());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void aDamagedKeyFileIsRefusedNotReplaced() throws IOException {
    Path file = dir.resolve("codec.key");
    Files.writeString(file, "local-1:not base64!");

    assertThatThrownBy(() -> KeyLoader.generatedOnce(file)).isInstanceOf(CodecKeys.InvalidCodecKeyException.class)
        .hasMessageContaining("not valid base64");
    assertThat(Files.readString(file)).isEqualTo("local-1:not base64!");
  }
}
