package io.runway.worker.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The templates people download: the documented columns with one example initiative. */
@Component
class ImportTemplates {

  private final JsonMapper json;

  ImportTemplates(JsonMapper json) {
    this.json = json;
  }

  String template(ImportFormat format) {
    return format == ImportFormat.CSV ? csv() : json();
  }

  private static String csv() {
    String header = String.join(",", ImportColumns.NAMES);
    String example = ImportColumns.ALL.stream().map(c -> quote(c.example())).collect(Collectors.joining(","));
    return header + "\r\n" + example + "\r\n";
  }

  private String json() {
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, String> owners = new LinkedHashMap<>();
    Map<String, Object> budget = new LinkedHashMap<>();
    for (ImportColumns.Column column : ImportColumns.ALL) {
      String name = column.name();
      if (name.startsWith("owners.")) {
        owners.put(name.substring(7), column.example());
      } else if (name.startsWith("budget.")) {
        budget.put(name.substring(7), name.endsWith("monthlyCost") ? Integer.valueOf(column.example()) : column.example());
      } else if (name.equals("dataClasses")) {
        body.put(name, List.of(column.example().split(";")));
      } else if (name.equals("kpis")) {
        String[] kpi = column.example().split(":");
        body.put(name, List.of(Map.of("name", kpi[0], "unit", kpi[1], "baseline", Double.valueOf(kpi[2]),
            "target", Double.valueOf(kpi[3]))));
      } else {
        body.put(name, column.example());
      }
      if (name.equals("owners.operations")) {
        body.put("owners", owners);
      }
      if (name.equals("budget.currency")) {
        body.put("budget", budget);
      }
    }
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(List.of(body)) + "\n";
  }

  private static String quote(String cell) {
    return cell.contains(",") || cell.contains("\"") || cell.contains(" ")
        ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
  }
}
