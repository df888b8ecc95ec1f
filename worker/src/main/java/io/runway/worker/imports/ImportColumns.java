package io.runway.worker.imports;

import io.runway.lifecycle.model.RiskTier;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CSV columns: the launch body's fields, nested ones flattened with a dot ({@code owners.business}),
 * lists {@code ;}-separated, KPIs as {@code name:unit:baseline:target}. An empty cell is a missing value.
 */
final class ImportColumns {

  record Column(String name, String meaning, String example) {}

  static final List<Column> ALL = List.of(
      new Column("key", "required; 2-63 characters of a-z, 0-9 and '-'; the same key is never launched twice", "claims-triage"),
      new Column("name", "required", "Claims triage assistant"),
      new Column("purpose", "what the initiative is for", "Rank incoming claims for adjusters"),
      new Column("businessUnit", "owning business unit", "claims"),
      new Column("riskTier", "MINIMAL, LIMITED, HIGH or PROHIBITED; empty = the program office classifies it at intake", "LIMITED"),
      new Column("owners.business", "username of the business owner", "bea.owner"),
      new Column("owners.technical", "username of the technical owner", "tim.owner"),
      new Column("owners.operations", "username of the operations owner", "oli.owner"),
      new Column("sponsor", "username of the sponsor", "sue.sponsor"),
      new Column("dataClasses", "';'-separated data classes", "personal;financial"),
      new Column("kpis", "';'-separated KPIs, each name:unit:baseline:target (baseline and target are numbers)", "cycle time:hours:48:12"),
      new Column("budget.monthlyCost", "a number", "1200"),
      new Column("budget.currency", "ISO 4217 code", "EUR"),
      new Column("modelName", "registry model name; empty = the key", "claims-triage"),
      new Column("modelVersion", "registry model version", "3"));

  static final List<String> NAMES = ALL.stream().map(Column::name).toList();
  static final List<String> REQUIRED = List.of("key", "name");
  private static final List<String> TIERS = Arrays.stream(RiskTier.values()).map(Enum::name).toList();

  private ImportColumns() {}

  /** The launch body (as JSON) of one CSV row; throws with a message naming the column that is wrong. */
  static ObjectNode toJson(Map<String, String> cells) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode body = f.objectNode();
    for (String field : List.of("key", "name", "purpose", "businessUnit", "sponsor", "modelName", "modelVersion")) {
      text(cells, field).ifPresent(value -> body.put(field, value));
    }
    text(cells, "riskTier").ifPresent(tier -> {
      if (!TIERS.contains(tier)) {
        throw new RowException("riskTier: '" + tier + "' is not one of " + TIERS);
      }
      body.put("riskTier", tier);
    });
    ObjectNode owners = f.objectNode();
    for (String role : List.of("business", "technical", "operations")) {
      text(cells, "owners." + role).ifPresent(value -> owners.put(role, value));
    }
    if (!owners.isEmpty()) {
      body.set("owners", owners);
    }
    text(cells, "dataClasses").ifPresent(value -> {
      ArrayNode classes = body.putArray("dataClasses");
      split(value).forEach(classes::add);
    });
    text(cells, "kpis").ifPresent(value -> {
      ArrayNode kpis = body.putArray("kpis");
      split(value).forEach(kpi -> kpis.add(kpi(kpi)));
    });
    ObjectNode budget = f.objectNode();
    text(cells, "budget.monthlyCost").ifPresent(value -> budget.put("monthlyCost", number("budget.monthlyCost", value)));
    text(cells, "budget.currency").ifPresent(value -> budget.put("currency", value));
    if (!budget.isEmpty()) {
      body.set("budget", budget);
    }
    return body;
  }

  private static ObjectNode kpi(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length != 4 || parts[0].isBlank()) {
      throw new RowException("kpis: '" + spec + "' is not name:unit:baseline:target (e.g. cycle time:hours:48:12)");
    }
    ObjectNode kpi = JsonNodeFactory.instance.objectNode();
    kpi.put("name", parts[0].trim());
    if (!parts[1].isBlank()) {
      kpi.put("unit", parts[1].trim());
    }
    if (!parts[2].isBlank()) {
      kpi.put("baseline", number("kpis: baseline of '" + parts[0].trim() + "'", parts[2]).doubleValue());
    }
    if (!parts[3].isBlank()) {
      kpi.put("target", number("kpis: target of '" + parts[0].trim() + "'", parts[3]).doubleValue());
    }
    return kpi;
  }

  private static BigDecimal number(String what, String value) {
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new RowException(what + ": '" + value.trim() + "' is not a number");
    }
  }

  private static List<String> split(String value) {
    return Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static java.util.Optional<String> text(Map<String, String> cells, String column) {
    String value = cells.get(column);
    return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.trim());
  }

  /** A row that cannot become a launch body; the message names the column. */
  static final class RowException extends RuntimeException {
    RowException(String message) {
      super(message);
    }
  }
}
