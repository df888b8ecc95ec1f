package io.runway.worker;

import static io.runway.worker.ApiTestSupport.assertProblem;
import static io.runway.worker.ApiTestSupport.completeLaunch;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import io.runway.worker.console.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The demo as a newcomer starts it ({@code runway.demo.seed=true} on an empty embedded profile): every
 * headline view of the portfolio shows something, all of it marked as sample data and kept apart
 * from real records, and the README's tour can run after it.
 */
class DemoSeedTest {

  static ConfigurableApplicationContext app;
  static int port;
  static Api api;

  @BeforeAll
  static void startWithTheDemoSeed() {
    app = new SpringApplicationBuilder(RunwayApplication.class)
        .profiles("embedded")
        .run("--server.port=0", "--runway.demo.seed=true");
    port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    api = new Api(port);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** Like ApiTestSupport.await, with the patience of a seed that moves seven workflows through their gates. */
  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    T last = probe.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = probe.get();
    }
    return last;
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void theSeedFillsEveryHeadlineViewWithMarkedSampleDataAndTheTourStillRuns() {
    // 13 past samples and 7 live ones, the last of them launched
    JsonNode all = await("every sample", () -> api.get("auditor-1", "/api/v1/initiatives?size=200").json(),
        page -> page.path("total").asLong() >= 20);
    await("the live samples moved along", () -> api.get("auditor-1", "/api/v1/initiatives/sample-fraud-scoring").json(),
        v -> List.of("GO_LIVE_DECISION", "OPERATIONS_HANDOVER", "IN_PRODUCTION").contains(v.path("stage").asString()));
    all.path("items").forEach(i -> {
      assertThat(i.path("key").asString()).startsWith("sample-");
      assertThat(i.path("name").asString()).endsWith("(sample)");
    });

    // time in gate by team: real durations, not 0 min
    JsonNode times = api.get("auditor-1", "/api/v1/portfolio/time-in-gate").json();
    List<String> teamsWithDays = times.valueStream()
        .filter(t -> Duration.parse(t.path("median").asString()).compareTo(Duration.ofDays(1)) >= 0)
        .map(t -> t.path("team").asString()).distinct().toList();
    assertThat(teamsWithDays).as(times.toString()).hasSizeGreaterThanOrEqualTo(5);

    // the stall radar: initiatives stuck for weeks, each marked as sample data
    JsonNode stalls = api.get("auditor-1", "/api/v1/portfolio/stalls").json();
    assertThat(stalls.path("total").asLong()).isGreaterThanOrEqualTo(4);
    stalls.path("groups").forEach(g -> g.path("initiatives").forEach(s -> assertThat(s.path("sample").asBoolean()).isTrue()));

    // value after go-live: the past samples that went live have months of figures, one of them at risk
    JsonNode value = api.get("auditor-1", "/api/v1/portfolio/value").json();
    assertThat(value.path("initiatives").valueStream().filter(i -> !i.path("attainment").isNull()).count())
        .as(value.toString()).isGreaterThanOrEqualTo(8);
    assertThat(value.path("atRisk").valueStream().map(JsonNode::asString)).contains("sample-history-credit-risk");

    // a past sample has no workflow behind it: a command says so instead of pretending it ended
    Api.Response withdraw = api.post(ApiTestSupport.PROGRAM_OFFICE,
        "/api/v1/initiatives/sample-history-resume-screening/withdraw", Map.of("reason", "try"));
    assertProblem(withdraw, 409);
    assertThat(withdraw.detail()).contains("past sample record of the demo seed");

    // sample data is never mixed with real records: the real portfolio is empty, and sample keys are reserved
    assertThat(api.get("auditor-1", "/api/v1/portfolio/funnel?samples=exclude").json().path("total").asLong()).isZero();
    assertThat(api.get("auditor-1", "/api/v1/portfolio/stalls?samples=exclude").json().path("total").asLong()).isZero();
    assertThat(api.get("auditor-1", "/api/v1/portfolio/time-in-gate?samples=exclude").json()).isEmpty();
    assertProblem(api.get("auditor-1", "/api/v1/portfolio/funnel?samples=maybe"), 422);
    Api.Response reserved = api.post(ApiTestSupport.PROGRAM_OFFICE, "/api/v1/initiatives", completeLaunch("sample-mine", "MINIMAL"));
    assertProblem(reserved, 422);
    assertThat(reserved.detail()).contains("reserved for the demo seed's sample data");

    // the README's tour launches fraud-scoring after the seed: no collision
    Map<String, Object> tour = new LinkedHashMap<>(completeLaunch("fraud-scoring", "HIGH"));
    Api.Response launched = api.post(ApiTestSupport.PROGRAM_OFFICE, "/api/v1/initiatives", tour);
    assertThat(launched.status()).as(launched.raw()).isEqualTo(201);
    await("the tour's initiative is the one real record",
        () -> api.get("auditor-1", "/api/v1/portfolio/funnel?samples=exclude").json().path("total").asLong(), n -> n == 1);

    // in the console: sample data is announced, marked, and a past sample offers no action
    try (Browser browser = new Browser(port)) {
      browser.signIn("program-office-1");
      browser.open("/console/portfolio");
      assertThat(browser.find(By.id("sample-data-note")).getText()).contains("are sample data from the demo seed");
      assertThat(browser.driver().findElements(By.cssSelector("#stall-radar .badge-sample"))).isNotEmpty();
      browser.screenshot("18-portfolio-demo-seed");
      browser.open("/console/initiatives/sample-history-resume-screening");
      assertThat(browser.find(By.id("sample-banner")).getText()).contains("no workflow behind it");
      assertThat(browser.find(By.id("no-actions")).getText()).contains("takes no commands");
      browser.open("/console/portfolio?samples=exclude");
      assertThat(browser.find(By.id("stall-radar")).getText()).contains("Nothing has stalled.");
    }
  }
}
