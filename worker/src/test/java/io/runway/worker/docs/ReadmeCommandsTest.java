package io.runway.worker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CI runs what the README tells a newcomer to run: the Maven command in {@code .ci/run} is the
 * README's test command, so "it passes in CI" and "it passes for me" mean the same command.
 */
class ReadmeCommandsTest {

  @Test
  void ciRunsExactlyTheReadmesTestCommand() throws IOException {
    List<String> ciMavenCommands = Files.readAllLines(Docs.ROOT.resolve(".ci/run")).stream()
        .map(String::strip).filter(line -> line.startsWith("mvn ")).toList();
    assertThat(ciMavenCommands).as(".ci/run runs one Maven command").hasSize(1);
    assertThat(commandAfter("**Run the tests:**")).isEqualTo(ciMavenCommands.getFirst()).isEqualTo("mvn -B verify");
  }

  @Test
  void theReadmesRunCommandBuildsAndStartsTheWorker() throws IOException {
    assertThat(commandAfter("**Run Runway**")).isEqualTo("mvn -q -DskipTests install && mvn -q -pl worker spring-boot:run");
  }

  @Test
  void prerequisitesComeBeforeTheCommandsThatNeedThem() throws IOException {
    String readme = Files.readString(Docs.README);
    assertThat(readme.indexOf("## Prerequisites")).as("a Prerequisites section").isPositive()
        .isLessThan(readme.indexOf("## The two commands"));
    assertThat(readme).as("JAVA_HOME and PATH set together, or java -jar stays on the old JDK")
        .containsPattern("export JAVA_HOME=\\S+ PATH=\\S+/bin:\\$PATH");
  }

  /** The single command of the first bash block after {@code marker}. */
  private static String commandAfter(String marker) throws IOException {
    String readme = Files.readString(Docs.README);
    int at = readme.indexOf(marker);
    assertThat(at).as("the README has " + marker).isNotNegative();
    List<Markdown.Block> blocks = Markdown.blocks(readme.substring(readme.lastIndexOf("\n", at) + 1));
    List<String> lines = blocks.getFirst().lines().stream().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("one command after " + marker).hasSize(1);
    return lines.getFirst().strip();
  }
}
