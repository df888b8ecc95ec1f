package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A program office's job in the browser: launch, import, and the actions only its role has. */
class ProgramOfficeConsoleTest extends ConsoleTestSupport {

  @Test
  void programOfficeLaunchesWithAValidationErrorThenFixesIt() {
    String key = uniqueKey("console-launch");
    browser.signIn("program-office-1");
    browser.open("/console/launch");
    browser.find(By.id("f-key")).sendKeys("Not A Valid Key!");
    browser.find(By.id("f-purpose")).sendKeys("Summarise adjuster notes");
    browser.find(By.id("f-kpi-baseline")).sendKeys("forty");
    browser.find(By.xpath("//button[normalize-space()='Launch']")).click();

    // every mistake at once: the launch API's bean validation and the number that did not parse
    assertThat(browser.find(By.id("err-f-key")).getText()).contains("must be 2-63 characters of a-z, 0-9 and '-'");
    assertThat(browser.find(By.id("err-f-name")).getText()).isEqualTo("is required");
    assertThat(browser.find(By.id("err-f-kpi-baseline")).getText()).isEqualTo("must be a number");
    assertThat(browser.find(By.id("f-key")).getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.find(By.id("f-purpose")).getDomProperty("value")).as("entered values are kept")
        .isEqualTo("Summarise adjuster notes");
    browser.screenshot("06-launch-validation-errors");
    assertThat(api("auditor-1", "GET", "/api/v1/initiatives/" + key, null).statusCode()).isEqualTo(404);

    WebElement baseline = browser.find(By.id("f-kpi-baseline"));
    baseline.clear();
    baseline.sendKeys("40");
    WebElement keyField = browser.find(By.id("f-key"));
    keyField.clear();
    keyField.sendKeys(key);
    browser.find(By.id("f-name")).sendKeys("Adjuster notes summariser");
    browser.find(By.id("f-businessUnit")).sendKeys("claims");
    new org.openqa.selenium.support.ui.Select(browser.find(By.id("f-riskTier"))).selectByValue("LIMITED");
    browser.find(By.xpath("//button[normalize-space()='Launch']")).click();

    browser.waitFor(d -> browser.path().startsWith("/console/initiatives/" + key));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Adjuster notes summariser");
    initiativeWhen(key, v -> "LIMITED".equals(v.path("riskTier").asString()));
  }

  @Test
  void aUserSeesOnlyTheActionsOfTheirOwnRole() {
    String key = uniqueKey("console-roles");
    launch(key, "HIGH", "bea.owner");
    openTaskId(key, "SECURITY_REVIEW");

    browser.signIn("security-1");
    browser.open("/console/initiatives/" + key);
    assertThat(browser.find(By.id("no-actions")).getText()).contains("no action");
    assertThat(browser.present(By.id("action-withdraw"))).isFalse();
    assertThat(browser.present(By.id("action-reclassify"))).isFalse();
    assertThat(browser.find(By.id("gate-SECURITY_REVIEW")).getText()).contains("OPEN", "security");

    browser.signIn("governance-board-1");
    browser.open("/console/initiatives/" + key);
    assertThat(browser.present(By.id("action-reclassify"))).isTrue();
    assertThat(browser.present(By.id("action-withdraw"))).as("only the program office withdraws").isFalse();

    browser.signIn("program-office-1");
    browser.open("/console/initiatives");
    browser.find(By.id("q")).sendKeys(key);
    browser.find(By.xpath("//button[normalize-space()='Search']")).click();
    browser.waitForText("1 found");
    browser.screenshot("02-initiatives-search");
    browser.find(By.linkText("Claims triage " + key)).click();
    browser.waitFor(d -> browser.path().equals("/console/initiatives/" + key));
    assertThat(browser.present(By.id("action-reclassify"))).isTrue();
    assertThat(browser.present(By.id("action-event"))).as("production events only in production").isFalse();
    browser.screenshot("07-initiative-page");
    browser.find(By.cssSelector("#action-withdraw summary")).click();
    browser.find(By.id("wd-reason")).sendKeys("The business case moved to another programme.");
    browser.find(By.xpath("//button[normalize-space()='Withdraw']")).click();
    browser.waitForText("Withdrawal accepted");
    initiativeWhen(key, v -> "WITHDRAWN".equals(v.path("stage").asString()));
    assertThat(browser.present(By.id("audit"))).as("the audit trail is for auditors and admins").isFalse();

    // an auditor sees the requests on record, the console's withdrawal among them
    browser.signIn("auditor-1");
    browser.open("/console/initiatives/" + key);
    String audit = browser.find(By.id("audit")).getText();
    assertThat(audit).contains("program-office-1", "POST /api/v1/initiatives", "ACCEPTED")
        .contains("POST /console/initiatives/{key}/withdraw");
    assertThat(browser.present(By.id("action-withdraw"))).isFalse();
    browser.screenshot("14-initiative-audit-trail");

    // the records it links to open as console pages, not as the API's JSON behind HTTP Basic
    browser.find(By.linkText("CRM-" + key)).click();
    browser.waitFor(d -> browser.path().equals("/console/records/crm/" + key));
    assertThat(browser.find(By.id("record")).getText()).contains("externalId", key);
    browser.open("/console/initiatives/" + key);
    String ticket = browser.find(By.cssSelector("#gate-SECURITY_REVIEW a")).getText();
    browser.find(By.cssSelector("#gate-SECURITY_REVIEW a")).click();
    browser.waitFor(d -> browser.path().equals("/console/records/tickets/" + ticket));
    assertThat(browser.find(By.id("record")).getText()).contains(ticket, "CANCELLED");
    browser.open("/console/records/models/no-such-model");
    assertThat(browser.driver().getPageSource()).contains("No model named 'no-such-model'");
  }

  /** Read in one script call: htmx replaces the element every second, so a found element soon goes stale. */
  private String progressAttribute(String name) {
    return (String) browser.script(
        "return document.getElementById('progress').getAttribute(arguments[0])", name);
  }

  @Test
  void fiveHundredRowImportShowsProgressAndEndsWithTheRightCounts() throws Exception {
    String prefix = uniqueKey("console-imp");
    String header = "key,name,purpose,businessUnit,riskTier,owners.business,owners.technical,owners.operations,sponsor,"
        + "dataClasses,kpis,budget.monthlyCost,budget.currency,modelName,modelVersion";
    String rows = IntStream.rangeClosed(1, 500)
        .mapToObj(i -> String.join(",", i == 7 ? "Bad Key" : prefix + "-" + i, "Pilot " + i, "Rank claims", "imports",
            "MINIMAL", "bea.owner", "tim.owner", "oli.owner", "sue.sponsor", "personal", "cycle time:hours:48:12",
            "1200", "EUR", "", ""))
        .collect(Collectors.joining("\n"));
    Path file = Files.createTempDirectory("console-import").resolve("pilot-inventory.csv");
    Files.writeString(file, header + "\n" + rows + "\n");

    browser.signIn("program-office-1");
    browser.open("/console/import");
    assertThat(browser.find(By.id("template-csv")).getDomAttribute("href")).isEqualTo("/console/import/template.csv");
    browser.screenshot("08-import-form");
    browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    browser.find(By.xpath("//button[normalize-space()='Upload and import']")).click();

    browser.waitFor(d -> browser.path().startsWith("/console/import/"));
    assertThat(browser.find(By.id("total")).getText()).isEqualTo("500");
    // while rows launch the bar polls for progress (htmx), and stops polling once the job is done
    if ("RUNNING".equals(progressAttribute("data-status"))) {
      assertThat(progressAttribute("hx-trigger")).isEqualTo("every 1s");
      browser.screenshot("09-import-running");
    }
    java.util.Set<String> seen = new java.util.TreeSet<>();
    browser.waitFor(java.time.Duration.ofSeconds(180), d -> {
      seen.add(String.valueOf(browser.script("return document.getElementById('processed').textContent")));
      return "DONE".equals(progressAttribute("data-status"));
    });
    assertThat(progressAttribute("hx-trigger")).isNull();
    assertThat(browser.find(By.id("processed")).getText()).isEqualTo("500");
    assertThat(browser.find(By.id("launched")).getText()).isEqualTo("499");
    assertThat(browser.find(By.id("already-present")).getText()).isEqualTo("0");
    assertThat(browser.find(By.id("failed")).getText()).isEqualTo("1");
    assertThat(browser.find(By.id("import-progress")).getDomProperty("value")).isEqualTo("500");
    // row numbers count the header as row 1, as a spreadsheet shows them
    var cells = browser.driver().findElements(By.cssSelector("#row-errors tbody tr:first-child td"));
    assertThat(cells.get(0).getText()).isEqualTo("8");
    assertThat(cells.get(1).getText()).isEqualTo("Bad Key");
    assertThat(cells.get(2).getText()).startsWith("key");
    assertThat(initiative(prefix + "-500").path("request").path("name").asString()).isEqualTo("Pilot 500");
    browser.screenshot("10-import-done");
    System.out.println("import progress seen by the browser: " + seen);
    Files.delete(file);
    Files.delete(file.getParent());
  }
}
