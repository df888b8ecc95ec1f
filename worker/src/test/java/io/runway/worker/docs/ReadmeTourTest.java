package io.runway.worker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.worker.RunwayApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's curl tour runs as written. Every {@code ```bash tour} block is run, in order and in
 * one bash session, from the repository's root against the app started as a newcomer starts it
 * (embedded profile, in-process Temporal, the demo seed on, so the tour must not collide with it);
 * the only change is the port. Each {@code # -> } line is what the command above it prints: it must
 * match one line of that command's output, in order, {@code ...} standing for anything.
 */
class ReadmeTourTest {

  private static final String README_BASE = "http://localhost:8080";
  private static final String STEP = "@@readme-tour-step@@";

  static ConfigurableApplicationContext app;
  static String base;

  @BeforeAll
  static void startAsTheReadmeSays() {
    app = new SpringApplicationBuilder(RunwayApplication.class)
        .profiles("embedded")
        .run("--server.port=0", "--runway.demo.seed=true");
    base = "http://localhost:" + app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void everyTourCommandPrintsWhatTheReadmeSays() throws Exception {
    List<Step> steps = Tour.steps(Files.readString(Docs.README));
    assertThat(steps.stream().mapToInt(s -> s.expected().size()).sum()).as("expected outputs in the tour").isGreaterThan(20);

    StringBuilder script = new StringBuilder();
    for (Step step : steps) {
      script.append(String.join("\n", step.commands()).replace(README_BASE, base)).append('\n');
      script.append("printf '\\n%s\\n' '").append(STEP).append("'\n");
    }
    Process bash = new ProcessBuilder("bash", "-c", script.toString())
        .directory(Docs.ROOT.toFile()).redirectErrorStream(true).start();
    bash.getOutputStream().close();
    byte[] out = bash.getInputStream().readAllBytes();
    assertThat(bash.waitFor(5, TimeUnit.MINUTES)).as("the tour finished").isTrue();
    String output = new String(out, StandardCharsets.UTF_8);

    List<String> outputs = Arrays.asList(output.split(Pattern.quote(STEP), -1));
    assertThat(outputs).as("one output per step; the whole output:\n" + output).hasSize(steps.size() + 1);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      assertThat(Tour.unmatched(step.expected(), outputs.get(i)))
          .as("README tour step\n  " + String.join("\n  ", step.commands()) + "\nprinted\n" + outputs.get(i).strip())
          .isNull();
    }
  }

  @Test
  void theTourCanBeCopiedVerbatim() throws IOException {
    String tour = Tour.steps(Files.readString(Docs.README)).stream()
        .flatMap(s -> s.commands().stream()).collect(Collectors.joining("\n"));
    assertThat(tour).as("no placeholder a reader would have to fill in").doesNotContainPattern("<[a-zA-Z0-9 ]+>");
    assertThat(tour).as("the tour launches, reviews, goes live and records a production event")
        .contains("POST $API/initiatives ", "/claim", "/complete", "go-live-decision", "/events", "/retire");
    assertThat(tour).as("the integration ticket is found, not guessed").contains("TICKET=$(");
    assertThat(tour).as("status codes are shown where they are promised").contains("%{http_code}");
  }

  @Test
  void anExpectationIsCheckedLineByLine() {
    assertThat(Tour.unmatched(List.of("HTTP 201"), "{...}\nHTTP 201\n")).isNull();
    assertThat(Tour.unmatched(List.of("{\"key\":\"a\",...}", "HTTP 201"), "{\"key\":\"a\",\"b\":1}\nHTTP 201")).isNull();
    assertThat(Tour.unmatched(List.of("HTTP 201"), "HTTP 409\n")).isEqualTo("HTTP 201");
    assertThat(Tour.unmatched(List.of("HTTP 201", "{...}"), "{}\nHTTP 201\n")).as("in order").isEqualTo("{...}");
  }

  record Step(List<String> commands, List<String> expected) {}

  /** The tour's blocks as steps: commands up to and including the {@code # -> } lines after them. */
  static final class Tour {

    static List<Step> steps(String readme) {
      List<Step> steps = new ArrayList<>();
      List<String> commands = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (Markdown.Block block : Markdown.blocks(readme)) {
        if (!block.info().equals("bash tour")) {
          continue;
        }
        for (String line : block.lines()) {
          if (line.startsWith("# -> ")) {
            expected.add(line.substring("# -> ".length()).strip());
          } else {
            if (!expected.isEmpty()) {
              steps.add(new Step(commands, expected));
              commands = new ArrayList<>();
              expected = new ArrayList<>();
            }
            commands.add(line);
          }
        }
      }
      if (!commands.isEmpty()) {
        steps.add(new Step(commands, expected));
      }
      return steps;
    }

    /** The first expected line no output line matches (in order), or null when all match. */
    static String unmatched(List<String> expected, String output) {
      List<String> lines = output.lines().map(String::strip).toList();
      int from = 0;
      for (String want : expected) {
        Pattern pattern = Pattern.compile(Arrays.stream(want.split("\\.\\.\\.", -1))
            .map(Pattern::quote).collect(Collectors.joining(".*")));
        int found = -1;
        for (int i = from; i < lines.size(); i++) {
          if (pattern.matcher(lines.get(i)).matches()) {
            found = i;
            break;
          }
        }
        if (found < 0) {
          return want;
        }
        from = found + 1;
      }
      return null;
    }
  }
}
