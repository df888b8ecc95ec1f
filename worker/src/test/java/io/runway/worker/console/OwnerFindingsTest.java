package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A reviewer requests changes in the browser, and the owner finds the findings in their own inbox. */
class OwnerFindingsTest extends ConsoleTestSupport {

  @Test
  void aRequestChangesDecisionReachesTheOwnersInbox() {
    String key = uniqueKey("console-findings");
    // engineering-2 is the business owner: the findings task names them
    launch(key, "MINIMAL", "engineering-2");
    String review = openTaskId(key, "SECURITY_REVIEW");

    browser.signIn("security-1");
    browser.open("/console/inbox?task=" + review);
    browser.find(By.xpath("//button[normalize-space()='Claim this task']")).click();
    browser.waitForText("Claimed by you.");
    browser.find(By.id("decision-REQUEST_CHANGES")).click();
    browser.find(By.xpath("//button[normalize-space()='Submit decision']")).click();
    assertThat(browser.find(By.id("comment")).getDomProperty("validationMessage"))
        .as("a request for changes needs a comment").isNotBlank();
    browser.find(By.id("comment")).sendKeys("Add rate limiting to the scoring endpoint.");
    browser.find(By.xpath("//button[normalize-space()='Submit decision']")).click();
    browser.waitForText("Decided Security review of " + key + ": REQUEST_CHANGES.");

    String findings = openTaskId(key, "security-review-findings");
    browser.signIn("engineering-2");
    browser.waitFor(d -> {
      d.navigate().refresh();
      return !d.findElements(By.id("row-" + findings)).isEmpty();
    });
    browser.find(By.cssSelector("#row-" + findings.replace(".", "\\.") + " a")).click();
    browser.waitForText("Address findings");
    assertThat(browser.find(By.cssSelector(".findings")).getText()).contains("Add rate limiting to the scoring endpoint.");
    browser.find(By.xpath("//button[normalize-space()='Claim this task']")).click();
    browser.waitForText("Claimed by you.");
    browser.screenshot("12-owner-findings");
    browser.find(By.id("comment")).sendKeys("Rate limiting added: 50 requests per second per client.");
    browser.find(By.xpath("//button[normalize-space()='Submit decision']")).click();
    browser.waitForText("Submitted Address findings of " + key + ".");
    initiativeWhen(key, v -> v.path("tasks").toString().contains(key + ".security-review.2"));
  }
}
