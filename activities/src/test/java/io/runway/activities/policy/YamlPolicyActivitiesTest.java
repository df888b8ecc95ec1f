package io.runway.activities.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.policy.GatePolicy;
import io.runway.lifecycle.policy.LifecyclePolicy;
import io.runway.lifecycle.policy.MetricBound;
import io.runway.lifecycle.policy.TierPolicy;
import io.runway.lifecycle.policy.ValueReviewPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;

class YamlPolicyActivitiesTest {

  @TempDir
  Path dir;

  private static LifecyclePolicy shipped() {
    return new YamlPolicyActivities(new DefaultResourceLoader().getResource(YamlPolicyActivities.DEFAULT_LOCATION)).currentPolicy();
  }

  @Test
  void shippedPolicyLoadsFromTheClasspathWithItsVersion() {
    LifecyclePolicy policy = shipped();

    assertThat(policy.version()).isEqualTo("2026.12-1");
    assertThat(policy.prohibitedReason()).contains("Article 5").contains("social scoring");
    assertThat(policy.intakeGroup()).isEqualTo("program-office");
    assertThat(policy.intakeSla()).isEqualTo(Duration.ofDays(3));
    assertThat(policy.findingsSla()).isEqualTo(Duration.ofDays(5));
    assertThat(policy.escalation().reminderAt()).isEqualTo(0.8);
    assertThat(policy.escalation().secondEscalationAfter()).isEqualTo(Duration.ofDays(2));
    assertThat(policy.escalation().boardGroup()).isEqualTo("governance-board");
  }

  @Test
  void eachTierRunsItsGatesInTheDocumentedPhases() {
    LifecyclePolicy policy = shipped();

    assertThat(phases(policy.tier(RiskTier.MINIMAL))).containsExactlyInAnyOrderEntriesOf(Map.of(
        Gate.SECURITY_REVIEW, 1, Gate.DATA_READINESS, 2, Gate.INTEGRATION, 3, Gate.HITL_VALIDATION, 4,
        Gate.OPERATIONS_HANDOVER, 6));
    assertThat(phases(policy.tier(RiskTier.LIMITED))).containsExactlyInAnyOrderEntriesOf(Map.of(
        Gate.SECURITY_REVIEW, 1, Gate.LEGAL_REVIEW, 1, Gate.DATA_READINESS, 2, Gate.INTEGRATION, 3,
        Gate.HITL_VALIDATION, 4, Gate.OPERATIONS_HANDOVER, 6));
    assertThat(phases(policy.tier(RiskTier.HIGH))).containsExactlyInAnyOrderEntriesOf(Map.of(
        Gate.SECURITY_REVIEW, 1, Gate.LEGAL_REVIEW, 1, Gate.DATA_READINESS, 2, Gate.INTEGRATION, 3,
        Gate.HITL_VALIDATION, 4, Gate.GO_LIVE_DECISION, 5, Gate.OPERATIONS_HANDOVER, 6));
    assertThat(policy.tiers()).doesNotContainKey(RiskTier.PROHIBITED);
  }

  @Test
  void highRiskGoLiveNeedsTwoBoardApprovalsAndQuarterlyRecertification() {
    TierPolicy high = shipped().tier(RiskTier.HIGH);

    GatePolicy goLive = high.gate(Gate.GO_LIVE_DECISION).orElseThrow();
    assertThat(goLive.candidateGroup()).isEqualTo("governance-board");
    assertThat(goLive.requiredApprovals()).isEqualTo(2);
    assertThat(high.recertifies()).isTrue();
    assertThat(high.recertificationPeriod()).isEqualTo(Duration.ofDays(90));
    assertThat(high.recertification().requiredEvidence()).containsExactly("recertification-report");
  }

  @Test
  void evidenceAndSlasGrowWithRiskTier() {
    LifecyclePolicy policy = shipped();
    GatePolicy minimal = policy.tier(RiskTier.MINIMAL).gate(Gate.SECURITY_REVIEW).orElseThrow();
    GatePolicy high = policy.tier(RiskTier.HIGH).gate(Gate.SECURITY_REVIEW).orElseThrow();

    assertThat(minimal.requiredEvidence()).containsExactly("threat-model");
    assertThat(high.requiredEvidence()).containsExactly("threat-model", "pen-test-report", "dpia");
    assertThat(minimal.sla()).isLessThan(high.sla());
    assertThat(policy.tier(RiskTier.HIGH).gate(Gate.INTEGRATION).orElseThrow().awaitTicketResolution()).isTrue();
    assertThat(policy.tier(RiskTier.LIMITED).gate(Gate.DATA_READINESS).orElseThrow().metrics())
        .containsExactly("data_quality_score", "null_rate", "freshness_hours");
    assertThat(policy.gatesReopenedBy(ProductionEventType.NEW_MODEL_VERSION))
        .containsExactly(Gate.SECURITY_REVIEW, Gate.HITL_VALIDATION);
  }

  @Test
  void missingVersionIsRefusedByName() throws IOException {
    assertRefused(shippedText().replace("version: \"2026.12-1\"", ""), "version: a policy version is required");
  }

  @Test
  void tierWithoutGatesIsRefused() throws IOException {
    String yaml = shippedText() + "\n  PROHIBITED:\n    gates:\n      - {gate: SECURITY_REVIEW, phase: 1, candidateGroup: security, sla: P1D}\n";
    assertRefused(yaml, "tiers.PROHIBITED: prohibited initiatives are refused at intake");
    assertRefused(minimalPolicy("MINIMAL: {gates: []}"), "tiers.MINIMAL: every tier but PROHIBITED needs at least one gate");
  }

  @Test
  void gateWithoutCandidateGroupOrPositiveSlaIsRefused() throws IOException {
    String yaml = shippedText().replace(
        "{gate: SECURITY_REVIEW, phase: 1, candidateGroup: security, sla: P5D,",
        "{gate: SECURITY_REVIEW, phase: 1, sla: PT0S,");

    assertRefused(yaml, "tiers.MINIMAL.gates[0] (SECURITY_REVIEW).candidateGroup: the group that reviews this gate is required",
        "tiers.MINIMAL.gates[0] (SECURITY_REVIEW).sla: must be a positive ISO-8601 duration");
  }

  @Test
  void zeroRequiredApprovalsIsRefusedRatherThanRaisedToOne() throws IOException {
    String yaml = shippedText().replace("requiredEvidence: [go-live-memo], requiredApprovals: 2", "requiredEvidence: [go-live-memo], requiredApprovals: 0");

    assertRefused(yaml, "tiers.HIGH.gates[5].requiredApprovals: must be at least 1, was 0");
  }

  @Test
  void reopenOnNamingSomethingOtherThanAGateIsRefused() throws IOException {
    assertRefused(shippedText().replace("DRIFT_ALERT: [HITL_VALIDATION]", "DRIFT_ALERT: [RETRAINING]"),
        "reopenOn.DRIFT_ALERT[0]: Cannot deserialize value of type `io.runway.lifecycle.model.Gate` from String \"RETRAINING\"");
    assertRefused(shippedText().replace("DRIFT_ALERT: [HITL_VALIDATION]", "DRIFT_ALERT: [GO_LIVE_DECISION, RECERTIFICATION]"),
        "reopenOn.DRIFT_ALERT[1]: RECERTIFICATION is not a gate of any tier");
  }

  @Test
  void misspeltKeyIsRefusedInsteadOfFallingBackToADefault() throws IOException {
    assertRefused(shippedText().replace("intakeSla: P3D", "intakeSLA: P3D"), "intakeSLA");
  }

  @Test
  void missingFileIsRefusedWithItsLocation() {
    assertThatThrownBy(() -> new YamlPolicyActivities(new FileSystemResource(dir.resolve("absent.yaml"))))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("absent.yaml")
        .hasMessageContaining("no such file");
  }

  @Test
  void editedPolicyFileIsServedWithoutRestart() throws IOException {
    Path file = write(shippedText());
    YamlPolicyActivities activities = new YamlPolicyActivities(new FileSystemResource(file));

    Files.writeString(file, shippedText().replace("2026.12-1", "2026.12-2"));

    assertThat(activities.currentPolicy().version()).isEqualTo("2026.12-2");
  }

  @Test
  void everyTierHasValueReviewsAndDataReadinessHasItsThresholds() {
    LifecyclePolicy policy = shipped();

    for (RiskTier tier : List.of(RiskTier.MINIMAL, RiskTier.LIMITED, RiskTier.HIGH)) {
      ValueReviewPolicy review = policy.tier(tier).valueReview();
      assertThat(review.candidateGroupOrDefault()).isEqualTo("program-office");
      assertThat(review.firstAfter()).isEqualTo(Duration.ofDays(30));
      assertThat(review.every()).isEqualTo(Duration.ofDays(90));
      assertThat(policy.tier(tier).gate(Gate.DATA_READINESS).orElseThrow().thresholds()).containsExactly(
          new MetricBound("data_quality_score", 0.95, null), new MetricBound("null_rate", null, 0.02),
          new MetricBound("freshness_hours", null, 24.0));
    }
    assertThat(policy.tier(RiskTier.HIGH).valueReview().earlyReviewAfterMissedPeriods())
        .isLessThan(policy.tier(RiskTier.MINIMAL).valueReview().earlyReviewAfterMissedPeriods());
  }

  @Test
  void aValueReviewMissingItsCadenceOrWithARatioBelowOneIsRefused() throws IOException {
    String yaml = shippedText().replace("valueReview: {candidateGroup: program-office, sla: P14D, firstAfter: P30D, every: P90D,\n"
        + "                  earlyReviewAfterMissedPeriods: 3, costOverrunRatio: 1.5",
        "valueReview: {candidateGroup: program-office, sla: P14D, firstAfter: P30D,\n"
        + "                  earlyReviewAfterMissedPeriods: 0, costOverrunRatio: 0.5");

    assertRefused(yaml, "tiers.MINIMAL.valueReview.every: must be a positive ISO-8601 duration",
        "tiers.MINIMAL.valueReview.earlyReviewAfterMissedPeriods: must be 1 or more months, was 0",
        "tiers.MINIMAL.valueReview.costOverrunRatio: must be 1.0 or more");
  }

  @Test
  void aThresholdOnAMetricTheGateDoesNotReadOrWithoutABoundIsRefused() throws IOException {
    String yaml = shippedText().replaceFirst("\\{name: null_rate, max: 0.02\\}", "{name: nulls, max: 0.02}, {name: skew}");

    assertRefused(yaml, "thresholds[1]: nulls is not among the gate's metrics", "thresholds[2]: skew needs min, max or both");
  }

  private void assertRefused(String yaml, String... problems) throws IOException {
    Path file = write(yaml);
    var thrown = assertThatThrownBy(() -> new YamlPolicyActivities(new FileSystemResource(file)))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining(file.getFileName().toString());
    for (String problem : problems) {
      thrown.hasMessageContaining(problem);
    }
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "policy", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static String shippedText() throws IOException {
    return new ClassPathResource("policy/lifecycle-policy.yaml").getContentAsString(StandardCharsets.UTF_8);
  }

  /** The shipped policy with its tiers replaced by {@code tiersYaml} (one tier per line, flow style). */
  private static String minimalPolicy(String tiersYaml) throws IOException {
    String text = shippedText();
    return text.substring(0, text.indexOf("tiers:")) + "tiers:\n  " + tiersYaml + "\n";
  }

  private static Map<Gate, Integer> phases(TierPolicy tier) {
    List<GatePolicy> gates = tier.gates();
    return gates.stream().collect(Collectors.toMap(GatePolicy::gate, GatePolicy::phase));
  }
}
