package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class ConsoleSignInTest extends ConsoleTestSupport {

  @Test
  void unauthenticatedConsolePagesRedirectToTheLoginPageWithTheDemoUsersHint() {
    browser.driver().manage().deleteAllCookies();
    browser.open("/console/inbox");
    browser.waitFor(d -> browser.path().startsWith("/login"));
    assertThat(browser.find(By.id("demo-h")).getText()).isEqualTo("Demo users");
    assertThat(browser.find(By.cssSelector(".demo-users")).getText()).contains("security-1", "program-office-1");
    browser.screenshot("01-login");

    browser.find(By.id("username")).sendKeys("security-1");
    browser.find(By.id("password")).sendKeys("wrong");
    browser.find(By.cssSelector("form button[type=submit]")).click();
    assertThat(browser.find(By.cssSelector(".alert-error")).getText()).contains("Wrong username or password");

    browser.signIn("security-1");
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Inbox");
    assertThat(browser.find(By.cssSelector(".who .user")).getText()).isEqualTo("security-1");
  }

  @Test
  void theSiteIconIsServedToAnyoneWithoutAnAuthenticationChallenge() throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/favicon.ico")).build();
    var icon = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());

    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/"));
    assertThat(icon.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(icon.headers().firstValue("Set-Cookie")).isEmpty();
    // an ICO: reserved 0, type 1
    assertThat(java.util.Arrays.copyOf(icon.body(), 4)).containsExactly(0, 0, 1, 0);
  }

  @Test
  void consolePagesLogNoErrorsInTheBrowser() {
    browser.signIn("security-1");
    browser.driver().manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER);
    for (String page : java.util.List.of("/console/inbox", "/console/initiatives", "/console/portfolio")) {
      browser.open(page);
      browser.find(By.tagName("h1"));
      assertThat(browser.driver().manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll())
          .as("browser console on " + page)
          .filteredOn(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
          .isEmpty();
    }
  }

  @Test
  void theApiStaysStatelessHttpBasicBesideTheConsole() {
    HttpResponse<String> anonymous = api("nobody", "GET", "/api/v1/tasks", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(anonymous.headers().firstValue("Set-Cookie")).isEmpty();
    // a Basic-authenticated POST needs no CSRF token and gets no session
    HttpResponse<String> refused = api("security-1", "POST", "/api/v1/initiatives", "{\"key\":\"x-1\",\"name\":\"x\"}");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(refused.body()).contains("Only program-office may launch an initiative");
    assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aConsoleFormPostWithoutTheCsrfTokenIsRefused() throws Exception {
    browser.signIn("security-1");
    String session = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/console/inbox/filters"))
        .header("Cookie", "JSESSIONID=" + session)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=forged"))
        .build();
    var answer = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(403);
  }
}
