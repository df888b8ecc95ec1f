package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/** A reviewer's whole job in the browser: find the task, claim it, decide it with evidence. */
class ReviewerInboxTest extends ConsoleTestSupport {

  @Test
  void reviewerClaimsAndApprovesWithEvidenceAndTheMissingEvidenceBlocksSubmit() {
    String key = uniqueKey("console-approve");
    launch(key, "MINIMAL", "bea.owner");
    String taskId = openTaskId(key, "SECURITY_REVIEW");

    browser.signIn("security-1");
    long before = openTasksOf("security-1");
    browser.open("/console/inbox?task=" + taskId);
    long after = openTasksOf("security-1");
    // the list shows the 50 due soonest and says how many match in all
    String count = browser.find(By.cssSelector("#tasks-h .count")).getText();
    assertThat(count).isIn(countLabel(before), countLabel(after));
    if (Math.min(before, after) > 50 || Math.max(before, after) <= 50) {
      assertThat(browser.present(By.id("more-tasks"))).as("the 'narrow the list' hint").isEqualTo(before > 50);
    }
    assertThat(browser.find(By.id("panel-h")).getText()).contains("Security review");
    browser.find(By.xpath("//button[normalize-space()='Claim this task']")).click();
    browser.waitForText("Claimed by you.");
    assertThat(browser.find(By.cssSelector("label[for='ev-threat-model-uri']")).getText()).contains("threat model");

    // approve without the threat model: the browser refuses to submit
    browser.find(By.id("decision-APPROVE")).click();
    browser.find(By.xpath("//button[normalize-space()='Submit decision']")).click();
    WebElement link = browser.find(By.id("ev-threat-model-uri"));
    assertThat(link.getDomProperty("validationMessage")).isNotBlank();
    assertThat(gateStatus(initiative(key), "SECURITY_REVIEW")).isEqualTo("OPEN");

    link.sendKeys("https://docs.example.org/" + key + "/threat-model.pdf");
    browser.find(By.id("ev-threat-model-sha")).sendKeys("a".repeat(64));
    browser.find(By.id("ev-threat-model-reviewed")).click();
    browser.driver().findElements(By.cssSelector("input[name^='check.']")).forEach(WebElement::click);
    browser.find(By.id("comment")).sendKeys("Threat model reviewed; no open findings.");
    browser.screenshot("03-inbox-completion-form");
    browser.find(By.xpath("//button[normalize-space()='Submit decision']")).click();

    browser.waitForText("Decided Security review of " + key + ": APPROVE.");
    assertThat(browser.present(By.id("row-" + taskId))).as("the decided task leaves the list").isFalse();
    JsonNode view = initiativeWhen(key, v -> "APPROVED".equals(gateStatus(v, "SECURITY_REVIEW")));
    assertThat(view.path("evidence").toString()).contains("threat-model.pdf").contains("a".repeat(64));
    browser.screenshot("04-inbox-after-approval");
    // tablet width: one column, nothing cut off
    browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(820, 1100));
    assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(820L);
    browser.screenshot("13-inbox-tablet");
    browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1000));
  }

  private long openTasksOf(String user) {
    return JSON.readTree(api(user, "GET", "/api/v1/tasks?size=1", null).body()).path("total").asLong();
  }

  private static String countLabel(long total) {
    return total > 50 ? "50 of " + total : Long.toString(total);
  }

  @Test
  void anOwnerIsToldWhyInsteadOfOfferedTheClaimAndARefusedClaimIsShownInlineAndAudited() {
    String first = uniqueKey("console-owner");
    String second = uniqueKey("console-next");
    // security-2 owns the first initiative, so the workflow would refuse to let them decide its gate
    launch(first, "MINIMAL", "security-2");
    launch(second, "MINIMAL", "bea.owner");
    String ownTask = openTaskId(first, "SECURITY_REVIEW");
    String otherTask = openTaskId(second, "SECURITY_REVIEW");

    browser.signIn("security-2");
    browser.open("/console/inbox?task=" + ownTask);
    assertThat(browser.find(By.id("claim-refusal")).getText())
        .contains("is an owner of " + first + " and may not decide its gates");
    assertThat(browser.present(By.xpath("//button[normalize-space()='Claim this task']"))).isFalse();
    browser.screenshot("05-inbox-claim-refused-to-owner");

    // a claim the page offered, refused because someone else got there first: shown inline
    browser.open("/console/inbox?task=" + otherTask);
    WebElement claim = browser.find(By.xpath("//button[normalize-space()='Claim this task']"));
    assertThat(api("security-1", "POST", "/api/v1/tasks/" + otherTask + "/claim", null).statusCode()).isEqualTo(200);
    claim.click();
    WebElement refusal = browser.find(By.id("form-errors"));
    assertThat(refusal.getText()).contains("already claimed by security-1");
    browser.screenshot("05-inbox-refusal-inline");

    // the refusal shown inline is in the audit trail as a refusal, not as an acknowledged command
    JsonNode trail = JSON.readTree(api("auditor-1", "GET", "/api/v1/audit?initiativeKey=" + second, null).body());
    assertThat(trail.path("items").valueStream()
        .filter(e -> e.path("action").asString().equals("POST /console/inbox/tasks/{id}/claim"))
        .filter(e -> e.path("actor").asString().equals("security-2"))
        .filter(e -> e.path("outcome").asString().equals("CONFLICT"))
        .filter(e -> e.path("detail").asString().contains("already claimed by security-1")))
        .as(trail.toString()).hasSize(1);
  }

  @Test
  void aSavedFilterIsListedForItsUserAndAppliesItsCriteria() {
    browser.signIn("legal-2");
    browser.open("/console/inbox?riskTier=HIGH&dueWithinDays=7&overdue=true");
    browser.find(By.id("f-name")).sendKeys("High risk this week");
    browser.find(By.xpath("//button[normalize-space()='Save filters']")).click();
    browser.find(By.linkText("High risk this week")).click();
    browser.waitFor(d -> browser.path().contains("riskTier=HIGH"));
    assertThat(browser.path()).isEqualTo("/console/inbox?overdue=true&dueWithinDays=7&riskTier=HIGH");
    assertThat(browser.find(By.id("f-overdue")).isSelected()).isTrue();
    assertThat(browser.find(By.id("f-due")).getDomProperty("value")).isEqualTo("7");

    browser.signIn("legal-1");
    assertThat(browser.present(By.linkText("High risk this week"))).as("saved filters are per user").isFalse();
  }
}
