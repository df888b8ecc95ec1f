package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.runway.lifecycle.Lifecycle;
import io.runway.worker.portfolio.FunnelStage;
import io.runway.worker.portfolio.GateTime;
import io.runway.worker.portfolio.PortfolioFilter;
import io.runway.worker.portfolio.PortfolioQueries;
import io.runway.worker.portfolio.StallGroup;
import io.runway.worker.portfolio.StalledInitiative;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Funnel, time in gate and stall radar over read-model rows written here as the projection would
 * write them, each test in its own business unit so the other tests' initiatives never count.
 */
class PortfolioApiTest extends ApiTestSupport {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Autowired JdbcClient jdbc;
  @Autowired PortfolioQueries queries;

  private final String unit = uniqueKey("bu");
  private final List<String> keys = new ArrayList<>();

  @AfterEach
  void removeFixtures() {
    String[] workflows = keys.stream().map(Lifecycle::workflowId).toArray(String[]::new);
    jdbc.sql("delete from task where workflow_id = any(?)").param(workflows).update();
    jdbc.sql("delete from gate where workflow_id = any(?)").param(workflows).update();
    jdbc.sql("delete from initiative where workflow_id = any(?)").param(workflows).update();
  }

  @Test
  void funnelCountsEveryInitiativeUpToTheFurthestStageItReached() {
    initiative("intake", "LIMITED", "INTAKE", 1);
    initiative("security", "LIMITED", "SECURITY_REVIEW", 1);
    initiative("legal", "LIMITED", "LEGAL_REVIEW", 1);
    initiative("live-1", "HIGH", "IN_PRODUCTION", 1);
    initiative("live-2", "LIMITED", "IN_PRODUCTION", 1);
    String rejected = initiative("rejected", "LIMITED", "REJECTED", 1);
    gate(rejected, "SECURITY_REVIEW", "REJECTED", "security", Duration.ofHours(5));
    String withdrawn = initiative("withdrawn", "LIMITED", "WITHDRAWN", 1);
    gate(withdrawn, "SECURITY_REVIEW", "APPROVED", "security", Duration.ofHours(5));
    gate(withdrawn, "LEGAL_REVIEW", "OPEN", "legal", null);
    gate(withdrawn, "DATA_READINESS", "PENDING", "data-engineering", null);
    String retired = initiative("retired", "LIMITED", "RETIRED", 1);
    gate(retired, "OPERATIONS_HANDOVER", "APPROVED", "operations", Duration.ofHours(5));
    initiative("withdrawn-at-intake", "LIMITED", "WITHDRAWN", 1);

    JsonNode funnel = api.get("auditor-1", "/api/v1/portfolio/funnel?businessUnit=" + unit).json();

    assertThat(funnel.path("total").asLong()).isEqualTo(9);
    assertThat(funnel.path("rejected").asLong()).isEqualTo(1);
    assertThat(funnel.path("withdrawn").asLong()).isEqualTo(2);
    assertThat(funnel.path("retired").asLong()).isEqualTo(1);
    Map<String, JsonNode> stages = new java.util.LinkedHashMap<>();
    funnel.path("stages").forEach(stage -> stages.put(stage.path("stage").asString(), stage));
    assertThat(stages.keySet()).containsExactly("INTAKE", "SECURITY_REVIEW", "LEGAL_REVIEW", "DATA_READINESS",
        "INTEGRATION", "HITL_VALIDATION", "GO_LIVE_DECISION", "OPERATIONS_HANDOVER", "IN_PRODUCTION");
    assertThat(stages.values().stream().map(s -> s.path("reached").asLong()).toList())
        .containsExactly(9L, 7L, 5L, 3L, 3L, 3L, 3L, 3L, 3L);
    assertThat(stages.values().stream().map(s -> s.path("current").asLong()).toList())
        .containsExactly(1L, 1L, 1L, 0L, 0L, 0L, 0L, 0L, 2L);
    assertThat(stages.get("IN_PRODUCTION").path("conversionFromIntake").asDouble()).isCloseTo(3.0 / 9, within(1e-9));
    assertThat(stages.get("INTAKE").path("conversionFromIntake").asDouble()).isEqualTo(1.0);

    FunnelStage production = queries.funnel(new PortfolioFilter(unit, "HIGH", 1)).stages().getLast();
    assertThat(production).isEqualTo(new FunnelStage("IN_PRODUCTION", 1, 1, 1.0));
  }

  @Test
  void timeInGateGivesTheMedianAndP90OfDecidedGatesByTeam() {
    int n = 0;
    for (long hours : List.of(1, 2, 3, 4)) {
      gate(initiative("sec-" + n++, "HIGH", "LEGAL_REVIEW", 1), "SECURITY_REVIEW", "APPROVED", "security", Duration.ofHours(hours));
    }
    gate(initiative("sec-rejected", "HIGH", "REJECTED", 1), "SECURITY_REVIEW", "REJECTED", "security", Duration.ofHours(10));
    gate(initiative("sec-open", "HIGH", "SECURITY_REVIEW", 1), "SECURITY_REVIEW", "OPEN", "security", null);
    gate(initiative("sec-changes", "HIGH", "SECURITY_REVIEW", 1), "SECURITY_REVIEW", "CHANGES_REQUESTED", "security", Duration.ofHours(99));
    gate(initiative("legal-1", "LIMITED", "DATA_READINESS", 1), "LEGAL_REVIEW", "APPROVED", "legal", Duration.ofDays(1));
    gate(initiative("legal-2", "LIMITED", "DATA_READINESS", 1), "LEGAL_REVIEW", "APPROVED", "legal", Duration.ofDays(3));

    JsonNode times = api.get("security-1", "/api/v1/portfolio/time-in-gate?businessUnit=" + unit).json();

    assertThat(times).hasSize(2);
    assertThat(times.get(0).path("gate").asString()).isEqualTo("SECURITY_REVIEW");
    assertThat(times.get(0).path("team").asString()).isEqualTo("security");
    assertThat(times.get(0).path("completed").asLong()).isEqualTo(5);
    assertThat(queries.timeInGate(new PortfolioFilter(unit, null, 1))).containsExactly(
        new GateTime("SECURITY_REVIEW", "security", 5, Duration.ofHours(3), Duration.ofMinutes(456)),
        new GateTime("LEGAL_REVIEW", "legal", 2, Duration.ofDays(2), Duration.ofHours(67).plusMinutes(12)));
    assertThat(queries.timeInGate(new PortfolioFilter(unit, "LIMITED", 1))).extracting(GateTime::gate)
        .containsExactly("LEGAL_REVIEW");
  }

  @Test
  void stallRadarGroupsInitiativesWithoutProgressByGateAndTeamWithThePersonToChase() {
    String claimed = initiative("claimed", "HIGH", "SECURITY_REVIEW", 20);
    task(claimed, "SECURITY_REVIEW", "security", "security-2", "OPEN");
    String unclaimed = initiative("unclaimed", "HIGH", "SECURITY_REVIEW", 30);
    task(unclaimed, "SECURITY_REVIEW", "security", null, "OPEN");
    task(unclaimed, "SECURITY_REVIEW", "security", "security-1", "COMPLETED");
    String noOwner = initiative("no-owner", "LIMITED", "LEGAL_REVIEW", 15);
    jdbc.sql("update initiative set owner_business = null where key = ?").param(noOwner).update();
    task(noOwner, "LEGAL_REVIEW", "legal", null, "OPEN");
    task(initiative("recent", "HIGH", "SECURITY_REVIEW", 5), "SECURITY_REVIEW", "security", null, "OPEN");
    initiative("live", "HIGH", "IN_PRODUCTION", 40);
    initiative("gone", "HIGH", "WITHDRAWN", 40);
    task(initiative("recert", "HIGH", "IN_PRODUCTION", 40), "RECERTIFICATION", "operations", null, "OPEN");

    List<StallGroup> groups = queries.stalls(new PortfolioFilter(unit, null, 14));

    assertThat(groups).extracting(g -> g.gate() + "/" + g.team())
        .containsExactly("SECURITY_REVIEW/security", "LEGAL_REVIEW/legal", "RECERTIFICATION/operations");
    assertThat(groups.getFirst().initiatives()).extracting(StalledInitiative::key, StalledInitiative::holder,
            StalledInitiative::daysWithoutProgress)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(unclaimed, "bea.owner", 30L),
            org.assertj.core.groups.Tuple.tuple(claimed, "security-2", 20L));
    assertThat(groups.get(1).initiatives()).extracting(StalledInitiative::holder).containsExactly("sue.sponsor");
    assertThat(queries.stalls(new PortfolioFilter(unit, null, 25))).extracting(g -> g.initiatives().size())
        .containsExactly(1, 1);
    assertThat(queries.stalls(new PortfolioFilter(unit, "LIMITED", 14))).extracting(StallGroup::gate)
        .containsExactly("LEGAL_REVIEW");

    JsonNode radar = api.get("auditor-1", "/api/v1/portfolio/stalls?days=14&limit=1&businessUnit=" + unit).json();
    assertThat(radar.path("total").asLong()).isEqualTo(4);
    assertThat(radar.path("groups").get(0).path("count").asLong()).isEqualTo(2);
    assertThat(radar.path("groups").get(0).path("initiatives")).hasSize(1);
    assertThat(radar.path("groups").get(0).path("initiatives").get(0).path("key").asString()).isEqualTo(unclaimed);
  }

  @Test
  void anUnknownRiskTierIsRefusedWithTheAllowedValues() {
    for (String path : List.of("funnel", "time-in-gate", "stalls")) {
      Api.Response response = api.get("auditor-1", "/api/v1/portfolio/" + path + "?riskTier=EXTREME");
      assertProblem(response, 422);
      assertThat(response.detail()).contains("EXTREME").contains("MINIMAL");
      assertThat(response.json().path("errors").get(0).path("allowedValues").toString()).contains("PROHIBITED");
    }
    assertProblem(api.get("auditor-1", "/api/v1/portfolio/stalls?days=0"), 422);
    assertProblem(api.get("auditor-1", "/api/v1/portfolio/stalls?limit=0"), 422);
    assertProblem(api.get(null, "/api/v1/portfolio/funnel"), 401);
  }

  @Test
  void businessUnitsListsTheUnitsThatHaveInitiatives() {
    initiative("one", "LIMITED", "INTAKE", 1);
    assertThat(api.get("legal-1", "/api/v1/portfolio/business-units").json().toString()).contains("\"" + unit + "\"");
    assertThat(queries.businessUnits()).contains(unit).doesNotContainNull();
  }

  private String initiative(String suffix, String tier, String stage, int daysSinceProgress) {
    String key = unit + "-" + suffix;
    keys.add(key);
    Instant lastProgress = NOW.minus(Duration.ofDays(daysSinceProgress)).minus(Duration.ofHours(1));
    jdbc.sql("""
            insert into initiative (key, workflow_id, name, business_unit, risk_tier, stage, owner_business, sponsor,
                launched_by, launched_at, last_progress_at, last_seq, view)
            values (?, ?, ?, ?, ?, ?, 'bea.owner', 'sue.sponsor', 'program-office-1', ?, ?, 1, '{}'::jsonb)""")
        .params(key, Lifecycle.workflowId(key), "Initiative " + suffix, unit, tier, stage,
            Timestamp.from(lastProgress.minus(Duration.ofDays(1))), Timestamp.from(lastProgress))
        .update();
    return key;
  }

  /** A gate opened 60 days ago, decided {@code inGate} later (null: not decided). */
  private void gate(String key, String gate, String status, String team, Duration inGate) {
    Instant opened = NOW.minus(Duration.ofDays(60));
    boolean neverOpened = "PENDING".equals(status);
    jdbc.sql("""
            insert into gate (workflow_id, gate, status, candidate_group, round, opened_at, decided_at)
            values (?, ?, ?, ?, 1, ?, ?)""")
        .params(Lifecycle.workflowId(key), gate, status, team, neverOpened ? null : Timestamp.from(opened),
            inGate == null ? null : Timestamp.from(opened.plus(inGate)))
        .update();
  }

  private void task(String key, String gate, String team, String assignee, String status) {
    String id = key + "." + gate.toLowerCase().replace('_', '-') + "." + status.toLowerCase();
    jdbc.sql("""
            insert into task (id, workflow_id, initiative_key, gate, kind, round, candidate_group, status, assignee,
                risk_tier, created_at, view)
            values (?, ?, ?, ?, 'GATE_REVIEW', 1, ?, ?, ?, 'HIGH', ?, '{}'::jsonb)""")
        .params(id, Lifecycle.workflowId(key), key, gate, team, status, assignee, Timestamp.from(NOW.minus(Duration.ofDays(45))))
        .update();
  }
}
