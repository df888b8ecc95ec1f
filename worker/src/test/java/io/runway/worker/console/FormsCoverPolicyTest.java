package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

/** The console's gate forms (ui-config) against the lifecycle policy: every gate and evidence kind has its words. */
class FormsCoverPolicyTest {

  private final GateForms forms = new GateForms(new ClassPathResource("forms/gate-forms.yaml"));

  @Test
  void everyGateAndEvidenceKindOfThePolicyHasAFormDefinition() throws IOException {
    JsonNode policy;
    try (InputStream in = new ClassPathResource("policy/lifecycle-policy.yaml").getInputStream()) {
      policy = new YAMLMapper().readTree(in);
    }
    Set<String> gates = new TreeSet<>();
    Set<String> kinds = new TreeSet<>();
    policy.path("tiers").forEach(tier -> {
      List<JsonNode> all = new java.util.ArrayList<>();
      tier.path("gates").forEach(all::add);
      if (tier.has("recertification")) {
        all.add(tier.path("recertification"));
      }
      all.forEach(gate -> {
        gates.add(gate.path("gate").asText());
        gate.path("requiredEvidence").forEach(kind -> kinds.add(kind.asText()));
      });
    });

    assertThat(gates).isNotEmpty();
    assertThat(forms.definitions().gates().keySet()).containsAll(gates);
    assertThat(forms.definitions().evidence().keySet()).containsAll(kinds);
    // every task that is not a gate review has a form of its kind
    assertThat(forms.definitions().kinds().keySet()).containsExactlyInAnyOrderElementsOf(
        java.util.Arrays.stream(TaskKind.values()).filter(k -> k != TaskKind.GATE_REVIEW).map(Enum::name).toList());
  }

  @Test
  void aGateOrEvidenceKindMissingFromTheFormsStillGetsAGenericForm() {
    GateForms empty = new GateForms(new ByteArrayResource("gates: {}\n".getBytes()));
    GateForms.Form form = empty.formFor(task(Gate.LEGAL_REVIEW, List.of("model-card")));
    assertThat(form.title()).isEqualTo("Legal review");
    assertThat(form.checklist()).isEmpty();
    assertThat(empty.evidenceKind("model-card").label()).isEqualTo("Model card");
  }

  @Test
  void aMisspeltKeyInTheFormsFileFailsAtStartUp() {
    var typo = new ByteArrayResource("gates:\n  SECURITY_REVIEW:\n    title: Security\n    checklst: [a]\n".getBytes());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GateForms(typo))
        .hasMessageContaining("gate forms")
        .hasRootCauseMessage(rootMessage(typo));
  }

  private static String rootMessage(ByteArrayResource typo) {
    try {
      new GateForms(typo);
      return "no failure";
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      assertThat(root.getMessage()).contains("checklst");
      return root.getMessage();
    }
  }

  private static TaskView task(Gate gate, List<String> evidence) {
    return new TaskView("k.x.1", "k", gate, TaskKind.GATE_REVIEW, 1, "legal", List.of(), TaskStatus.OPEN, null, null,
        null, evidence, 1, List.of(), null, null, null, null, 0, Map.of(), List.of(), null, List.of(), Map.of(), false);
  }
}
