package io.runway.worker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is generated: this fails when it differs from what the application reads, or
 * when a key has no description in the configuration metadata. Regenerate with {@value #REGENERATE}.
 */
class ConfigurationReferenceTest {

  static final String REGENERATE =
      "mvn -pl worker -am test -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Drunway.docs.write=true";
  private static final Path PAGE = Docs.ROOT.resolve("docs/configuration.md");
  private static final Path APPLICATION_YML = Docs.ROOT.resolve("worker/src/main/resources/application.yml");

  @Test
  void thePageListsEveryKeyTheApplicationReads() throws IOException {
    String generated = ConfigurationReference.markdown(keys());
    if (Boolean.getBoolean("runway.docs.write")) {
      Files.writeString(PAGE, generated);
    }
    assertThat(Files.exists(PAGE) ? Files.readString(PAGE) : "")
        .as("docs/configuration.md is stale; regenerate it with: " + REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void everyKeyIsDescribed() throws IOException {
    List<String> undescribed = keys().stream()
        .filter(k -> k.description() == null || k.description().isBlank()).map(ConfigurationReference.Key::name).toList();
    assertThat(undescribed)
        .as("keys without a description: describe them in additional-spring-configuration-metadata.json"
            + " (worker or activities, src/main/resources/META-INF)")
        .isEmpty();
  }

  @Test
  void keysCarryTheirVariableAndEachProfilesDefault() throws IOException {
    Map<String, ConfigurationReference.Key> byName = keys().stream()
        .collect(java.util.stream.Collectors.toMap(ConfigurationReference.Key::name, k -> k));
    ConfigurationReference.Key mode = byName.get("runway.auth.mode");
    assertThat(mode.env()).isEqualTo("RUNWAY_AUTH_MODE");
    assertThat(mode.defaults()).containsEntry("default", "oidc").containsEntry("embedded", "demo");
    assertThat(byName.get("management.server.port").defaults()).containsEntry("external", "8081").doesNotContainKey("default");
    assertThat(byName).as("keys bound only through their @ConfigurationProperties record are listed too")
        .containsKey("runway.jira.api-token");
    assertThat(ConfigurationReference.relaxedEnvironmentName("runway.jira.api-token")).isEqualTo("RUNWAY_JIRA_APITOKEN");
  }

  private static List<ConfigurationReference.Key> keys() throws IOException {
    return ConfigurationReference.keys(Files.readString(APPLICATION_YML), ConfigurationReferenceTest.class.getClassLoader());
  }
}
