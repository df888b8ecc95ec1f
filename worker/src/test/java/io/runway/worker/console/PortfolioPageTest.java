package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.Lifecycle;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portfolio page over read-model rows written as the projection writes them (a stall needs
 * weeks without progress), in a business unit of its own so no other test's initiatives count.
 */
class PortfolioPageTest extends ConsoleTestSupport {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Autowired JdbcClient jdbc;

  private final String unit = uniqueKey("bu-console");
  private final List<String> workflows = new ArrayList<>();

  @AfterEach
  void removeRows() {
    String[] ids = workflows.toArray(String[]::new);
    jdbc.sql("delete from task where workflow_id = any(?)").param(ids).update();
    jdbc.sql("delete from gate where workflow_id = any(?)").param(ids).update();
    jdbc.sql("delete from initiative where workflow_id = any(?)").param(ids).update();
  }

  @Test
  void thePortfolioPageRendersBothChartsAndTheStallRadarWithTheExpectedNumbers() {
    initiative("intake", "INTAKE", 1);
    String stalled = initiative("stalled", "SECURITY_REVIEW", 20);
    gate(stalled, "SECURITY_REVIEW", "OPEN", "security", null);
    task(stalled, "SECURITY_REVIEW", "security", "security-2");
    String live = initiative("live", "IN_PRODUCTION", 2);
    gate(live, "SECURITY_REVIEW", "APPROVED", "security", Duration.ofHours(4));
    gate(live, "OPERATIONS_HANDOVER", "APPROVED", "operations", Duration.ofDays(2));
    gate(initiative("live-2", "IN_PRODUCTION", 2), "SECURITY_REVIEW", "APPROVED", "security", Duration.ofHours(2));

    browser.signIn("auditor-1");
    browser.open("/console/portfolio?businessUnit=" + unit + "&days=14");

    List<String> funnel = texts("#funnel svg .bar-value");
    assertThat(funnel).containsExactly("4 (100%)", "3 (75%)", "2 (50%)", "2 (50%)", "2 (50%)", "2 (50%)", "2 (50%)",
        "2 (50%)", "2 (50%)");
    assertThat(texts("#funnel svg .bar-label").getFirst()).isEqualTo("Intake");
    assertThat(texts("#funnel svg .bar-label").getLast()).isEqualTo("In production");
    assertThat(barWidths("#funnel svg rect")).as("bars are as long as their counts").startsWith(380, 285, 190);

    assertThat(texts("#time-in-gate svg .bar-label")).containsExactly("Security review", "team security",
        "Operations handover", "team operations");
    assertThat(texts("#time-in-gate svg .bar-value")).containsExactly("median 3.0 h", "p90 3.8 h", "median 2.0 d",
        "p90 2.0 d");
    assertThat(browser.driver().findElement(By.id("time-desc")).getDomProperty("textContent"))
        .contains("Security review (security): median 3.0 h, p90 3.8 h");

    WebElement radar = browser.find(By.id("stall-radar"));
    assertThat(radar.getText()).contains("Stalled: 1 without progress for 14 days");
    assertThat(radar.findElement(By.tagName("h3")).getText()).contains("Security review", "security");
    assertThat(radar.findElement(By.cssSelector("tbody tr")).getText()).contains("Initiative stalled", "security-2", "20");
    browser.screenshot("11-portfolio");

    browser.find(By.cssSelector("#funnel details summary")).click();
    List<String> conversions = browser.driver().findElements(By.cssSelector("#funnel-table tbody tr td:nth-child(4)"))
        .stream().map(WebElement::getText).toList();
    assertThat(conversions.getLast()).isEqualTo("50%");

    // the radar links to the initiative; a row seeded without the workflow's view still shows a page
    browser.find(By.linkText("Initiative stalled")).click();
    browser.waitFor(d -> browser.path().equals("/console/initiatives/" + stalled));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(stalled);
  }

  private List<String> texts(String css) {
    return browser.driver().findElements(By.cssSelector(css)).stream()
        .map(e -> e.getDomProperty("textContent").trim()).toList();
  }

  private List<Integer> barWidths(String css) {
    return browser.driver().findElements(By.cssSelector(css)).stream()
        .map(e -> Integer.valueOf(e.getDomAttribute("width"))).toList();
  }

  private String initiative(String suffix, String stage, int daysSinceProgress) {
    String key = unit + "-" + suffix;
    workflows.add(Lifecycle.workflowId(key));
    Instant lastProgress = NOW.minus(Duration.ofDays(daysSinceProgress)).minus(Duration.ofHours(1));
    jdbc.sql("""
            insert into initiative (key, workflow_id, name, business_unit, risk_tier, stage, owner_business, sponsor,
                launched_by, launched_at, last_progress_at, last_seq, view)
            values (?, ?, ?, ?, 'HIGH', ?, 'bea.owner', 'sue.sponsor', 'program-office-1', ?, ?, 1, '{}'::jsonb)""")
        .params(key, Lifecycle.workflowId(key), "Initiative " + suffix, unit, stage,
            Timestamp.from(lastProgress.minus(Duration.ofDays(1))), Timestamp.from(lastProgress))
        .update();
    return key;
  }

  private void gate(String key, String gate, String status, String team, Duration inGate) {
    Instant opened = NOW.minus(Duration.ofDays(60));
    jdbc.sql("""
            insert into gate (workflow_id, gate, status, candidate_group, round, opened_at, decided_at)
            values (?, ?, ?, ?, 1, ?, ?)""")
        .params(Lifecycle.workflowId(key), gate, status, team, Timestamp.from(opened),
            inGate == null ? null : Timestamp.from(opened.plus(inGate)))
        .update();
  }

  private void task(String key, String gate, String team, String assignee) {
    jdbc.sql("""
            insert into task (id, workflow_id, initiative_key, gate, kind, round, candidate_group, status, assignee,
                risk_tier, created_at, view)
            values (?, ?, ?, ?, 'GATE_REVIEW', 1, ?, 'OPEN', ?, 'HIGH', ?, '{}'::jsonb)""")
        .params(key + "." + gate.toLowerCase().replace('_', '-') + ".1", Lifecycle.workflowId(key), key, gate, team,
            assignee, Timestamp.from(NOW.minus(Duration.ofDays(45))))
        .update();
  }
}
