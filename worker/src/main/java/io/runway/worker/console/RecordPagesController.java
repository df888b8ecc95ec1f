package io.runway.worker.console;

import io.runway.lifecycle.model.Actor;
import io.runway.worker.records.Records;
import io.runway.worker.security.Actors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local ticket board, CRM and model registry records an initiative links to, as pages: the API's
 * JSON views ask a browser for HTTP Basic credentials, the console has a session.
 */
@Controller
@RequestMapping("/console/records")
class RecordPagesController {

  /** One line of a record: a dotted field path and its value as text. */
  record Field(String name, String value) {}

  private final Records records;
  private final JsonMapper json;

  RecordPagesController(Records records, JsonMapper json) {
    this.records = records;
    this.json = json;
  }

  @GetMapping("/tickets/{id}")
  String ticket(@PathVariable String id, Authentication user, Model model) {
    Actor me = Actors.of(user);
    return page(model, "Ticket " + id, "local ticket board", records.ticket(id, me));
  }

  @GetMapping("/crm/{externalId}")
  String crmRecord(@PathVariable String externalId, Authentication user, Model model) {
    Actor me = Actors.of(user);
    return page(model, "CRM record " + externalId, "local CRM", records.crmRecord(externalId, me));
  }

  @GetMapping("/models/{name}")
  String modelRecord(@PathVariable String name, Authentication user, Model model) {
    Actor me = Actors.of(user);
    return page(model, "Model " + name, "local model registry", records.model(name, me));
  }

  private String page(Model model, String title, String system, Object record) {
    List<Field> fields = new ArrayList<>();
    flatten("", json.valueToTree(record), fields);
    model.addAttribute("title", title);
    model.addAttribute("system", system);
    model.addAttribute("fields", fields);
    return "console/record";
  }

  /** Objects become dotted paths, arrays numbered entries; leaves keep their text. */
  static void flatten(String path, JsonNode node, List<Field> into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        flatten(path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), entry.getValue(), into);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + (i + 1) + "]", node.get(i), into);
      }
      if (node.isEmpty()) {
        into.add(new Field(path, "(none)"));
      }
    } else {
      into.add(new Field(path, node.isNull() ? "" : node.asString()));
    }
  }
}
