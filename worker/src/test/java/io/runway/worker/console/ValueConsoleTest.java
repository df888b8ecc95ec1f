package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * A program office follows an initiative's value in Chromium: a pilot figure typed on the value tab,
 * the KPI chart after go-live, an early review opened by three missed months and decided (FIX with a
 * follow-up date) in the inbox, and the portfolio value page listing the initiative at risk.
 */
class ValueConsoleTest extends ConsoleTestSupport {

  private static String month(int plus) {
    return YearMonth.now(ZoneOffset.UTC).plusMonths(plus).toString();
  }

  @Test
  void aProgramOfficeSeesWhetherItPaysOffAndDecidesTheEarlyReview() {
    String key = uniqueKey("console-value");
    launch(key, "MINIMAL", "bea.owner");

    browser.signIn("program-office-1");
    browser.open("/console/initiatives/" + key);
    browser.find(By.id("value-tab")).click();
    browser.waitFor(d -> browser.path().equals("/console/initiatives/" + key + "/value"));
    new Select(browser.find(By.id("kpi"))).selectByValue("cycle time");
    browser.find(By.id("kpi-period")).sendKeys(month(-3));
    browser.find(By.id("kpi-value")).sendKeys("44");
    browser.find(By.xpath("//button[normalize-space()='Record KPI value']")).click();
    browser.waitForText("Recorded cycle time for " + month(-3) + ".");

    toProduction(key);
    for (int m = -2; m <= 0; m++) {
      HttpResponse<String> recorded = api("value-feed-1", "POST", "/api/v1/initiatives/" + key + "/kpi-actuals",
          JSON.writeValueAsString(Map.of("kpi", "cycle time", "period", month(m), "value", 40 + m)));
      assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
    }
    api("value-feed-1", "POST", "/api/v1/initiatives/" + key + "/cost-actuals",
        JSON.writeValueAsString(Map.of("period", month(0), "amount", 1500, "currency", "EUR")));
    String review = openTaskId(key, "value-review");

    browser.signIn("program-office-2");
    browser.open("/console/initiatives/" + key + "/value");
    browser.waitForText("yes: KPI 'cycle time' missed its target");
    List<WebElement> points = browser.driver().findElements(By.cssSelector("#kpi-0 svg circle"));
    assertThat(points).hasSize(4);
    assertThat(points.getFirst().getDomAttribute("class")).isEqualTo("pilot");
    assertThat(texts("#kpi-0 svg .line-label")).containsExactly("baseline 48", "target 12");
    assertThat(texts("#kpi-0 svg .point .bar-value")).containsExactly("44", "38", "39", "40");
    assertThat(browser.find(By.cssSelector("#kpi-0 .attainment")).getText()).isEqualTo("22.2 %");
    assertThat(browser.find(By.cssSelector("#kpi-0 .trend")).getText()).isEqualTo("WORSENING");
    assertThat(texts("#costs svg .cost-bar .bar-value")).containsExactly("1500");
    assertThat(browser.driver().findElements(By.cssSelector("#costs rect.bar-over"))).hasSize(1);
    browser.screenshot("15-value-tab");

    browser.open("/console/inbox?task=" + review);
    assertThat(browser.find(By.id("panel-h")).getText()).contains("Value review");
    browser.find(By.xpath("//button[normalize-space()='Claim this task']")).click();
    browser.waitForText("Claimed by you.");
    assertThat(browser.find(By.id("value-context")).getText()).contains("Why now: early review").contains("cycle time");
    browser.find(By.id("decision-FIX")).click();
    String followUp = LocalDate.now(ZoneOffset.UTC).plusDays(21).toString();
    browser.script("document.getElementById('followUpOn').value = arguments[0]", followUp);
    browser.find(By.id("comment")).sendKeys("Retrain on the last quarter's claims; look again in three weeks.");
    browser.screenshot("16-value-review-form");
    browser.find(By.xpath("//button[normalize-space()='Submit decision']")).click();
    browser.waitForText("Decided Value review of " + key + ": FIX.");

    browser.open("/console/initiatives/" + key + "/value");
    browser.waitFor(d -> d.findElements(By.cssSelector("#decisions tbody tr")).size() == 1);
    assertThat(browser.find(By.cssSelector("#decisions tbody tr")).getText()).contains("FIX", "program-office-2", followUp);

    browser.open("/console/portfolio/value?businessUnit=claims");
    assertThat(browser.find(By.id("at-risk")).getText()).contains("Claims triage " + key);
    assertThat(browser.find(By.id("unit-table")).getText()).contains("claims");
    browser.screenshot("17-portfolio-value");
  }

  private List<String> texts(String css) {
    return browser.driver().findElements(By.cssSelector(css)).stream().map(e -> e.getDomProperty("textContent").trim()).toList();
  }

  private void toProduction(String key) {
    approve(key, "SECURITY_REVIEW", "security-1");
    approve(key, "DATA_READINESS", "data-engineering-1");
    approve(key, "INTEGRATION", "engineering-1");
    JsonNode waiting = initiativeWhen(key, v -> v.path("timeline").toString().contains("AWAITING_TICKET"));
    String ticket = null;
    for (JsonNode g : waiting.path("gates")) {
      if ("INTEGRATION".equals(g.path("gate").asString())) {
        ticket = g.path("ticket").path("id").asString();
      }
    }
    assertThat(api("engineering-1", "POST", "/api/v1/tickets/" + ticket + "/resolve", "{}").statusCode()).isEqualTo(202);
    approve(key, "HITL_VALIDATION", "business-validation-1");
    approve(key, "OPERATIONS_HANDOVER", "operations-1");
    initiativeWhen(key, v -> "IN_PRODUCTION".equals(v.path("stage").asString()));
  }

  private void approve(String key, String gate, String user) {
    String id = openTaskId(key, gate);
    JsonNode task = JSON.readTree(api("auditor-1", "GET", "/api/v1/tasks/" + id, null).body());
    List<Map<String, String>> evidence = new ArrayList<>();
    task.path("requiredEvidence").forEach(kind -> evidence.add(
        Map.of("kind", kind.asString(), "title", kind.asString(), "uri", "https://docs.example.org/" + kind.asString())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("decision", "APPROVE");
    body.put("comment", "meets the bar");
    body.put("evidence", evidence);
    if ("DATA_READINESS".equals(gate)) {
      body.put("metrics", Map.of("data_quality_score", 0.97, "null_rate", 0.01, "freshness_hours", 6.0));
    }
    HttpResponse<String> done = api(user, "POST", "/api/v1/tasks/" + id + "/complete", JSON.writeValueAsString(body));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
  }
}
