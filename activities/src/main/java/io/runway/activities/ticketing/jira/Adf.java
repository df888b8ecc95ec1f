package io.runway.activities.ticketing.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Atlassian Document Format, the rich-text JSON that REST v3 requires for descriptions and comments.
 * Runway only writes plain paragraphs; ADF rejects empty text nodes, so blank lines are dropped.
 */
final class Adf {

  private Adf() {}

  /** A document with one paragraph per non-blank line of {@code text}, then one per extra line. */
  static Map<String, Object> doc(String text, String... extraLines) {
    List<Object> paragraphs = new ArrayList<>();
    if (text != null) {
      text.lines().filter(line -> !line.isBlank()).forEach(line -> paragraphs.add(paragraph(line)));
    }
    for (String line : extraLines) {
      paragraphs.add(paragraph(line));
    }
    return Map.of("type", "doc", "version", 1, "content", paragraphs);
  }

  /** Whether any text node anywhere in the document is exactly {@code text}. */
  static boolean hasTextNode(JsonNode node, String text) {
    if ("text".equals(node.path("type").asText()) && text.equals(node.path("text").asText())) {
      return true;
    }
    for (JsonNode child : node.path("content")) {
      if (hasTextNode(child, text)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Object> paragraph(String line) {
    return Map.of("type", "paragraph", "content", List.of(Map.of("type", "text", "text", line)));
  }
}
