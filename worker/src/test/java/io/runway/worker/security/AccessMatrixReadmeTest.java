package io.runway.worker.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The access matrix in docs/security.md is generated from {@link AccessMatrix}: this fails when they differ.
 * Regenerate with {@value #REGENERATE}.
 */
class AccessMatrixReadmeTest {

  static final String REGENERATE =
      "mvn -pl worker -am test -Dtest=AccessMatrixReadmeTest -Dsurefire.failIfNoSpecifiedTests=false -Drunway.writeReadme=true";
  private static final Path README = Path.of("../docs/security.md");

  @Test
  void readmeShowsTheMatrixTheCodeEnforces() throws Exception {
    String readme = Files.readString(README);
    String generated = AccessMatrixTable.replaceIn(readme);
    if (Boolean.getBoolean("runway.writeReadme")) {
      Files.writeString(README, generated);
      readme = generated;
    }
    assertThat(readme)
        .as("docs/security.md's access matrix differs from AccessMatrix.java; regenerate it with: " + REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void theTableHasARowPerRuleAndAColumnPerGroup() {
    String table = AccessMatrixTable.markdown();
    for (AccessMatrix.Rule rule : AccessMatrix.RULES) {
      assertThat(table).contains("`" + rule.method + " " + rule.path.substring("/api/v1".length()) + "`");
    }
    assertThat(table.lines().filter(l -> l.startsWith("| `POST /initiatives` |")).findFirst().orElseThrow())
        .as("only program-office launches")
        .startsWith("| `POST /initiatives` | ✓ | — | — | — | — | — | — | — | — | — |");
  }
}
