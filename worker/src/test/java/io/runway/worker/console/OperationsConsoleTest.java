package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/** An operations engineer's whole job in the browser: accept the handover, report an incident, retire. */
class OperationsConsoleTest extends ConsoleTestSupport {

  @Test
  void operationsAcceptsTheHandoverReportsAnIncidentAndRetires() {
    String key = uniqueKey("console-ops");
    launch(key, "MINIMAL", "bea.owner");
    approveByApi(key, "SECURITY_REVIEW", "security-1");
    approveByApi(key, "DATA_READINESS", "data-engineering-1");
    approveByApi(key, "INTEGRATION", "engineering-1");
    // integration waits for its ticket: the engineering team resolves it on the local board
    JsonNode waiting = initiativeWhen(key, v -> v.path("timeline").toString().contains("AWAITING_TICKET"));
    String ticket = gate(waiting, "INTEGRATION").path("ticket").path("id").asString();
    HttpResponse<String> resolved = api("engineering-1", "POST", "/api/v1/tickets/" + ticket + "/resolve", "{}");
    assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(202);
    approveByApi(key, "HITL_VALIDATION", "business-validation-1");
    String handover = openTaskId(key, "OPERATIONS_HANDOVER");

    browser.signIn("operations-1");
    browser.open("/console/inbox?task=" + handover);
    assertThat(browser.find(By.id("panel-h")).getText()).contains("Operations handover");
    browser.find(By.xpath("//button[normalize-space()='Claim this task']")).click();
    browser.waitForText("Claimed by you.");
    browser.find(By.id("decision-APPROVE")).click();
    List<WebElement> links = browser.driver().findElements(By.cssSelector("input[id^='ev-'][id$='-uri']"));
    assertThat(links).as("the policy's handover evidence: runbook, on-call rotation, rollback test").hasSize(3);
    links.forEach(link -> link.sendKeys("https://ops.example.org/" + key + "/" + link.getDomAttribute("id")));
    browser.driver().findElements(By.cssSelector("input[id^='ev-'][id$='-reviewed']")).forEach(WebElement::click);
    browser.driver().findElements(By.cssSelector("input[name^='check.']")).forEach(WebElement::click);
    browser.find(By.id("comment")).sendKeys("Runbook walked through with the on-call rotation; rollback rehearsed.");
    browser.find(By.xpath("//button[normalize-space()='Submit decision']")).click();
    browser.waitForText("Decided Operations handover of " + key + ": APPROVE.");
    initiativeWhen(key, v -> "IN_PRODUCTION".equals(v.path("stage").asString()));

    browser.open("/console/initiatives/" + key);
    browser.find(By.cssSelector("#action-event summary")).click();
    new Select(browser.find(By.id("ev-type"))).selectByValue("INCIDENT");
    browser.find(By.id("ev-detail")).sendKeys("P2: scoring latency above the SLO for 20 minutes");
    browser.find(By.xpath("//button[normalize-space()='Record event']")).click();
    browser.waitForText("Production event recorded");
    JsonNode afterIncident = initiativeWhen(key, v -> v.path("timeline").toString().contains("scoring latency above the SLO"));
    assertThat(afterIncident.path("stage").asString()).isEqualTo("IN_PRODUCTION");

    browser.open("/console/initiatives/" + key);
    browser.find(By.cssSelector("#action-retire summary")).click();
    browser.find(By.id("ret-reason")).sendKeys("Replaced by the vendor's scoring service.");
    browser.find(By.xpath("//button[normalize-space()='Retire']")).click();
    browser.waitForText("Retirement accepted");
    initiativeWhen(key, v -> "RETIRED".equals(v.path("stage").asString()));
  }

  private static JsonNode gate(JsonNode view, String gate) {
    for (JsonNode g : view.path("gates")) {
      if (gate.equals(g.path("gate").asString())) {
        return g;
      }
    }
    throw new AssertionError("no gate " + gate + " in " + view);
  }
}
