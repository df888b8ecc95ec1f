package io.runway.worker.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * docs/configuration.md, built from what the application really reads: every key application.yml
 * sets (per profile, with the environment variable of its {@code ${ENV:default}} placeholder and that
 * default) and every {@code runway.*} key of the Spring configuration metadata (the processor's, from
 * the {@code @ConfigurationProperties} records, merged with additional-spring-configuration-metadata.json),
 * each described by that metadata.
 */
final class ConfigurationReference {

  record Key(String name, String env, Map<String, String> defaults, String description) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\[\\]-]+):(.*)}");
  private static final List<String> PROFILES = List.of("default", "embedded", "external");

  private ConfigurationReference() {}

  /** Every documented key, sorted by name. */
  static List<Key> keys(String applicationYml, ClassLoader classLoader) {
    Map<String, Map<String, String>> yaml = yamlByKey(applicationYml);
    Map<String, JsonNode> metadata = metadata(classLoader);
    Map<String, Key> keys = new TreeMap<>();
    yaml.forEach((name, byProfile) -> keys.put(name, key(name, byProfile, metadata.get(name))));
    metadata.forEach((name, property) -> {
      if (name.startsWith("runway.") && !keys.containsKey(name) && !coveredByYaml(name, yaml)) {
        String fallback = property.path("defaultValue").isMissingNode() || property.path("defaultValue").isNull()
            ? "" : property.path("defaultValue").asString();
        keys.put(name, key(name, Map.of("default", fallback), property));
      }
    });
    return List.copyOf(keys.values());
  }

  /** A map-valued key ({@code group-mapping}) documented through its entries in the YAML counts as covered. */
  private static boolean coveredByYaml(String name, Map<String, Map<String, String>> yaml) {
    return yaml.keySet().stream().anyMatch(k -> k.startsWith(name + "."));
  }

  private static Key key(String name, Map<String, String> byProfile, JsonNode property) {
    String env = null;
    Map<String, String> defaults = new LinkedHashMap<>();
    for (String profile : PROFILES) {
      String value = byProfile.get(profile);
      if (value == null) {
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(value);
      if (m.matches() && m.group(1).matches("[A-Z0-9_]+")) {
        env = env == null ? m.group(1) : env;
        // the default may itself hold a placeholder: ${RUNWAY_DATA_DIR:${user.home}/.runway}
        defaults.put(profile, value.substring(value.indexOf(':') + 1, value.length() - 1));
      } else {
        defaults.put(profile, value);
      }
    }
    if (env == null && !name.contains("[")) {
      env = relaxedEnvironmentName(name); // Spring binds SPRING_X_Y-style variables to every key
    }
    String description = property == null || property.path("description").isMissingNode()
        ? null : property.path("description").asString(null);
    return new Key(name, env, defaults, description);
  }

  /** Spring Boot's environment-variable form of a key: dots to underscores, dashes dropped, upper case. */
  static String relaxedEnvironmentName(String name) {
    return name.replace('.', '_').replace("-", "").replace("[", "_").replace("]", "").toUpperCase();
  }

  /** key -> profile -> raw value, for every scalar application.yml sets (lists flattened as name[i]). */
  static Map<String, Map<String, String>> yamlByKey(String applicationYml) {
    Map<String, Map<String, String>> keys = new TreeMap<>();
    for (Object document : new Yaml(new LoaderOptions()).loadAll(applicationYml)) {
      if (!(document instanceof Map<?, ?> map)) {
        continue;
      }
      Map<String, String> flat = new LinkedHashMap<>();
      flatten("", map, flat);
      String profile = flat.getOrDefault("spring.config.activate.on-profile", "default");
      flat.remove("spring.config.activate.on-profile");
      flat.forEach((k, v) -> keys.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(profile, v));
    }
    return keys;
  }

  private static void flatten(String prefix, Object value, Map<String, String> into) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty() && !prefix.isEmpty()) {
        into.put(prefix, "{}");
      }
      map.forEach((k, v) -> {
        String key = String.valueOf(k);
        if (key.startsWith("[") && key.endsWith("]")) {
          key = key.substring(1, key.length() - 1);
        }
        flatten(prefix.isEmpty() ? key : prefix + "." + key, v, into);
      });
    } else if (value instanceof List<?> list) {
      if (list.stream().allMatch(item -> !(item instanceof Map) && !(item instanceof List))) {
        into.put(prefix, String.join(", ", list.stream().map(String::valueOf).toList()));
      } else {
        for (int i = 0; i < list.size(); i++) {
          flatten(prefix + "[" + i + "]", list.get(i), into);
        }
      }
    } else {
      into.put(prefix, value == null ? "" : String.valueOf(value));
    }
  }

  /** name -> property, from every configuration metadata file on the class path (Boot's own included). */
  static Map<String, JsonNode> metadata(ClassLoader classLoader) {
    Map<String, ObjectNode> properties = new TreeMap<>();
    JsonMapper json = JsonMapper.builder().build();
    try {
      // Runway's own additional metadata first, then the generated files (the processor's and Boot's)
      for (String file : List.of("META-INF/additional-spring-configuration-metadata.json",
          "META-INF/spring-configuration-metadata.json")) {
        List<URL> urls = new ArrayList<>(Collections.list(classLoader.getResources(file)));
        // Runway's own metadata first: its descriptions say what a key does here, not in general
        urls.sort(java.util.Comparator.comparing(url -> url.getProtocol().equals("file") || url.toString().contains("/runway-") ? 0 : 1));
        for (URL url : urls) {
          try (InputStream in = url.openStream()) {
            for (JsonNode property : json.readTree(in).path("properties")) {
              String name = property.path("name").asString();
              // the first description and the first default found win, each on its own
              ObjectNode known = properties.computeIfAbsent(name, n -> json.createObjectNode().put("name", n));
              for (String field : List.of("description", "defaultValue")) {
                if (!known.hasNonNull(field) && property.hasNonNull(field) && !property.path(field).asString("").isBlank()) {
                  known.set(field, property.get(field));
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TreeMap<>(properties);
  }

  /** The page. */
  static String markdown(List<Key> keys) {
    StringBuilder page = new StringBuilder();
    page.append("""
        # Configuration reference

        **For** operators and developers who configure Runway. **After reading** you can find every
        setting Runway reads: its key, the environment variable that sets it, its default in each profile
        and what it does. Secrets (passwords, tokens, keys) have no default and come from the environment
        only.

        <!-- generated by ConfigurationReferenceTest from application.yml and the Spring configuration
             metadata; do not edit by hand. Regenerate with:
             mvn -pl worker -am test -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Drunway.docs.write=true -->

        Set a key as an environment variable (the name in the second column), as a command-line argument
        (`--runway.demo.seed=true`) or in an `application.yml` next to the jar. A default written
        `x (embedded: y)` is `y` in the `embedded` profile (the laptop default) and `x` elsewhere; the
        `external` profile (compose, production) is marked the same way. Keys under `spring.temporal.workers[0]`
        tune the one worker of the `runway-lifecycle` task queue. How to deploy with these settings:
        [operations.md](operations.md); identity and proxies: [security.md](security.md); systems of
        record and webhooks: [integrations.md](integrations.md).

        """);
    Map<String, List<Key>> sections = new TreeMap<>();
    keys.forEach(k -> sections.computeIfAbsent(section(k.name()), s -> new ArrayList<>()).add(k));
    sections.forEach((section, rows) -> {
      page.append("## `").append(section).append("`\n\n");
      page.append("| key | environment variable | default | what it does |\n|---|---|---|---|\n");
      for (Key key : rows) {
        page.append("| `").append(key.name()).append("` | ")
            .append(key.env() == null ? "—" : "`" + key.env() + "`").append(" | ")
            .append(defaults(key.defaults())).append(" | ")
            .append(cell(key.description() == null ? "" : key.description())).append(" |\n");
      }
      page.append('\n');
    });
    return page.toString().stripTrailing() + "\n";
  }

  private static String section(String name) {
    String[] parts = name.split("\\.");
    // Runway's own keys by feature; Spring's, the server's and actuator's each in one table
    return parts[0].equals("runway") && parts.length > 2 ? parts[0] + "." + parts[1] : parts[0];
  }

  private static String defaults(Map<String, String> byProfile) {
    String base = byProfile.get("default");
    List<String> cells = new ArrayList<>();
    cells.add(base == null ? "none" : value(base));
    for (String profile : List.of("embedded", "external")) {
      String value = byProfile.get(profile);
      if (value != null && !value.equals(base)) {
        cells.add(profile + ": " + value(value));
      }
    }
    if (base == null) { // set only in a profile: name the profiles that give it a value
      List<String> set = cells.subList(1, cells.size()).stream().filter(c -> !c.endsWith(": none")).toList();
      return set.isEmpty() ? "none" : String.join("; ", set);
    }
    return cells.size() == 1 ? cells.getFirst() : cells.getFirst() + " (" + String.join("; ", cells.subList(1, cells.size())) + ")";
  }

  private static String value(String value) {
    return value.isEmpty() ? "none" : "`" + value.replace("|", "\\|") + "`";
  }

  /** A description as a table cell: Javadoc's code and links as Markdown, angle brackets kept visible. */
  static String cell(String text) {
    String markdown = text.replace("\n", " ").replaceAll("\\{@code ([^}]*)}", "`$1`")
        .replaceAll("\\{@link(?:plain)? (?:[^} ]+ )?([^}]*)}", "$1").replace("|", "\\|").strip();
    String[] parts = markdown.split("`", -1);
    for (int i = 0; i < parts.length; i += 2) { // outside code spans, <x> would be read as HTML
      parts[i] = parts[i].replace("<", "&lt;").replace(">", "&gt;");
    }
    return String.join("`", parts);
  }
}
