package io.runway.activities.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.runway.activities.json.RunwayJson;
import io.runway.lifecycle.policy.LifecyclePolicy;
import java.io.IOException;
import java.util.List;

/** Turns policy YAML into a validated {@link LifecyclePolicy}, or says precisely what is wrong with it. */
final class PolicyReader {

  // Strict, unlike the read-model mapper: a misspelt key in policy-as-code must not silently fall back to a default.
  private static final YAMLMapper YAML = RunwayJson.configure(new YAMLMapper());

  static {
    YAML.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    YAML.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  private PolicyReader() {}

  static LifecyclePolicy read(String location, byte[] yaml) {
    JsonNode tree = parse(location, yaml);
    List<String> treeProblems = PolicyValidator.treeProblems(tree);
    if (!treeProblems.isEmpty()) {
      throw new InvalidPolicyException(location, treeProblems);
    }
    LifecyclePolicy policy = bind(location, tree);
    List<String> problems = PolicyValidator.problems(policy);
    if (!problems.isEmpty()) {
      throw new InvalidPolicyException(location, problems);
    }
    return policy;
  }

  private static JsonNode parse(String location, byte[] yaml) {
    try {
      JsonNode tree = YAML.readTree(yaml);
      if (tree == null || !tree.isObject()) {
        throw new InvalidPolicyException(location, List.of("the file holds no policy (expected a YAML mapping)"));
      }
      return tree;
    } catch (IOException e) {
      throw new InvalidPolicyException(location, List.of("not readable YAML: " + firstLine(e.getMessage())), e);
    }
  }

  private static LifecyclePolicy bind(String location, JsonNode tree) {
    try {
      return YAML.treeToValue(tree, LifecyclePolicy.class);
    } catch (JsonMappingException e) {
      throw new InvalidPolicyException(location, List.of(path(e) + ": " + firstLine(e.getOriginalMessage())), e);
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException(location, List.of(firstLine(e.getOriginalMessage())), e);
    }
  }

  /** Jackson's reference chain as a person reads a YAML path: {@code reopenOn.INCIDENT[1]}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(top level)" : path.toString();
  }

  private static String firstLine(String message) {
    return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
  }
}
