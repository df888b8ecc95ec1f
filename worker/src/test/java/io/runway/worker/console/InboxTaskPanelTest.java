package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/** What the inbox shows for one task: the panel of a task you hold, who may claim, and whose task it is. */
class InboxTaskPanelTest extends ConsoleTestSupport {

  @Test
  void reopeningYourOwnClaimedTaskFromTheListShowsItsCompletionForm() {
    String key = uniqueKey("console-reopen");
    launch(key, "MINIMAL", "bea.owner");
    String taskId = openTaskId(key, "SECURITY_REVIEW");
    HttpResponse<String> claimed = api("security-1", "POST", "/api/v1/tasks/" + taskId + "/claim", null);
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);

    browser.signIn("security-1");
    browser.open("/console/inbox");
    // the request a row of the list sends (htmx), whether or not the row is among the 50 listed
    Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
        "fetch(arguments[0], {headers: {'HX-Request': 'true'}}).then(r => arguments[1](r.status))",
        "/console/inbox/tasks/" + taskId);
    assertThat(status).isEqualTo(200L);
    browser.script("htmx.ajax('GET', arguments[0], {target: '#task-panel', swap: 'outerHTML'})",
        "/console/inbox/tasks/" + taskId);
    browser.waitForText("Claimed by you.");
    assertThat(browser.find(By.id("decision-APPROVE")).isDisplayed()).isTrue();
    assertThat(browser.find(By.id("panel-h")).getText()).contains("Claims triage " + key);
  }

  @Test
  void inboxCardsShowTheInitiativesNameWithItsKeyBeside() {
    String key = uniqueKey("console-names");
    launch(key, "MINIMAL", "bea.owner");
    openTaskId(key, "SECURITY_REVIEW");

    browser.signIn("security-2");
    browser.open("/console/inbox");
    List<WebElement> cards = browser.driver().findElements(By.cssSelector("#task-list li.task-row"));
    assertThat(cards).isNotEmpty();
    browser.screenshot("15-inbox-initiative-names");
    int named = 0;
    for (WebElement card : cards) {
      String cardKey = card.findElement(By.cssSelector(".task-key")).getText();
      String name = card.findElement(By.cssSelector(".task-initiative")).getText();
      assertThat(name).as("a card names its initiative").isNotBlank();
      // other tests' read-model fixtures carry views without a request: only real launches say what to expect
      String launchedAs = initiative(cardKey).path("request").path("name").asString();
      if (!launchedAs.isEmpty()) {
        assertThat(name).as("the name people know " + cardKey + " by").isEqualTo(launchedAs);
        named++;
      }
    }
    assertThat(named).as("cards of launched initiatives").isPositive();
  }

  @Test
  void theBoardMemberWhoGaveTheFirstGoLiveApprovalIsNotOfferedTheClaimAndIsRefusedIt() {
    String key = uniqueKey("console-golive");
    launch(key, "HIGH", "bea.owner");
    approveByApi(key, "SECURITY_REVIEW", "security-1");
    approveByApi(key, "LEGAL_REVIEW", "legal-1");
    approveByApi(key, "DATA_READINESS", "data-engineering-1");
    approveByApi(key, "INTEGRATION", "engineering-1");
    JsonNode waiting = initiativeWhen(key, v -> v.path("timeline").toString().contains("AWAITING_TICKET"));
    String ticket = ticketOf(waiting, "INTEGRATION");
    assertThat(api("engineering-1", "POST", "/api/v1/tickets/" + ticket + "/resolve", "{}").statusCode()).isEqualTo(202);
    approveByApi(key, "HITL_VALIDATION", "business-validation-1");
    approveByApi(key, "GO_LIVE_DECISION", "governance-board-1");
    String goLive = openTaskId(key, "GO_LIVE_DECISION");

    HttpResponse<String> reclaim = api("governance-board-1", "POST", "/api/v1/tasks/" + goLive + "/claim", null);
    assertThat(reclaim.statusCode()).as(reclaim.body()).isEqualTo(409);
    assertThat(JSON.readTree(reclaim.body()).path("detail").asString())
        .contains("governance-board-1 has already approved " + goLive)
        .contains("must come from someone else");

    browser.signIn("governance-board-1");
    browser.open("/console/inbox?task=" + goLive);
    assertThat(browser.find(By.id("panel-h")).getText()).contains("Go-live");
    assertThat(browser.find(By.id("claim-refusal")).getText()).contains("has already approved");
    assertThat(browser.present(By.xpath("//button[normalize-space()='Claim this task']"))).isFalse();
    browser.screenshot("16-inbox-claim-refused-to-first-approver");

    browser.signIn("governance-board-2");
    browser.open("/console/inbox?task=" + goLive);
    browser.find(By.xpath("//button[normalize-space()='Claim this task']")).click();
    browser.waitForText("Claimed by you.");
  }

  private static String ticketOf(JsonNode view, String gate) {
    for (JsonNode g : view.path("gates")) {
      if (gate.equals(g.path("gate").asString())) {
        return g.path("ticket").path("id").asString();
      }
    }
    throw new AssertionError("no gate " + gate + " in " + view);
  }
}
