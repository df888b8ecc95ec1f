package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Owners as people: the initiative page says which owners are Runway users, and an owner finds it under "mine". */
class OwnersConsoleTest extends ConsoleTestSupport {

  @Test
  void thePageSaysWhichOwnersAreNotLinkedAndALinkedOwnerFindsTheInitiativeUnderMine() {
    String key = uniqueKey("console-owners");
    // legal-2 is a demo user; tim.owner and oli.owner (the helper's other owners) are not Runway users
    launch(key, "MINIMAL", "legal-2");
    openTaskId(key, "SECURITY_REVIEW");

    browser.signIn("legal-2");
    browser.open("/console/initiatives/" + key);
    assertThat(browser.find(By.id("owner-business")).getText()).contains("legal-2").contains("Runway user legal-2");
    assertThat(browser.find(By.id("owner-technical")).getText()).contains("tim.owner").contains("not linked");
    assertThat(browser.find(By.id("unlinked-owners")).getText())
        .contains("Not linked to a Runway user: tim.owner, oli.owner.");
    browser.screenshot("17-initiative-owner-links");

    browser.open("/console/initiatives");
    browser.find(By.id("s-mine")).click();
    browser.find(By.xpath("//button[normalize-space()='Search']")).click();
    browser.waitFor(d -> browser.path().contains("mine=true"));
    assertThat(browser.present(By.linkText("Claims triage " + key))).as("legal-2 owns it").isTrue();

    browser.signIn("legal-1");
    browser.open("/console/initiatives?mine=true");
    browser.find(By.tagName("h1"));
    assertThat(browser.present(By.linkText("Claims triage " + key))).as("legal-1 does not").isFalse();
  }
}
