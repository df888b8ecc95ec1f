package io.runway.worker.console;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.runway.lifecycle.model.TaskView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The completion forms of the console, read once at start-up from ui-config's forms/gate-forms.yaml.
 * What evidence a gate requires comes from the policy through each task; this says how to ask for it.
 */
@Component
class GateForms {

  record Field(String name, String label, String help) {}

  record Form(String title, String help, List<String> checklist, List<Field> fields) {
    Form {
      checklist = checklist == null ? List.of() : List.copyOf(checklist);
      fields = fields == null ? List.of() : List.copyOf(fields);
    }
  }

  record EvidenceKind(String label, String help) {}

  record Definitions(Map<String, Form> gates, Map<String, Form> kinds, Map<String, EvidenceKind> evidence) {
    Definitions {
      gates = gates == null ? Map.of() : Map.copyOf(gates);
      kinds = kinds == null ? Map.of() : Map.copyOf(kinds);
      evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }
  }

  private static final YAMLMapper YAML = new YAMLMapper();

  static {
    // a misspelt key must fail start-up, not silently drop a checklist
    YAML.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private final Definitions definitions;

  GateForms(@Value("${runway.console.forms:classpath:forms/gate-forms.yaml}") Resource location) {
    this.definitions = read(location);
  }

  static Definitions read(Resource location) {
    try (InputStream in = location.getInputStream()) {
      return YAML.readValue(in, Definitions.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console's gate forms from " + location, e);
    }
  }

  /** The form for a task: its gate's for a review, its kind's otherwise; a generic one if none is defined. */
  Form formFor(TaskView task) {
    Form form = task.kind() == null ? null : switch (task.kind()) {
      case GATE_REVIEW -> task.gate() == null ? null : definitions.gates().get(task.gate().name());
      default -> definitions.kinds().get(task.kind().name());
    };
    if (form != null) {
      return form;
    }
    String subject = task.gate() != null ? task.gate().name() : task.kind() != null ? task.kind().name() : "task";
    return new Form(humanise(subject), "Decide this task.", List.of(), List.of());
  }

  EvidenceKind evidenceKind(String kind) {
    EvidenceKind known = definitions.evidence().get(kind);
    return known != null ? known : new EvidenceKind(humanise(kind), null);
  }

  /** A gate's (or stage's) name as people read it: the form's title where there is one. */
  String title(String gateOrStage) {
    Form form = definitions.gates().get(gateOrStage);
    return form != null ? form.title() : humanise(gateOrStage);
  }

  Definitions definitions() {
    return definitions;
  }

  static String humanise(String name) {
    String words = name.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
