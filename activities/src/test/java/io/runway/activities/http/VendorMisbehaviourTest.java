package io.runway.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.activities.hostile.HostileVendor;
import io.runway.activities.hostile.HostileVendor.Answer;
import io.runway.activities.hostile.HostileVendor.Hang;
import io.runway.activities.hostile.HostileVendor.Huge;
import io.runway.activities.hostile.HostileVendor.Replace;
import io.runway.activities.hostile.HostileVendor.Trickle;
import io.temporal.failure.ApplicationFailure;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What one vendor call costs at most, whatever the vendor does: the call's deadline covers the whole
 * answer (a trickled body, a hang), an answer is read up to the cap (a 50 MB body costs about 2 MiB),
 * failure texts are cut, Retry-After is held between the backoff's floor and cap, and a redirect
 * names where it pointed. Against {@link HostileVendor}, outside any activity.
 */
class VendorMisbehaviourTest {

  private static final Duration DEADLINE = Duration.ofSeconds(2);
  private static final String SEARCH = "/rest/api/3/search/jql";
  private static HostileVendor vendor;
  private VendorHttp http;

  @BeforeAll
  static void start() throws Exception {
    vendor = new HostileVendor();
  }

  @AfterAll
  static void stop() throws Exception {
    vendor.close();
  }

  @BeforeEach
  void wellBehaved() {
    vendor.behave();
    http = new VendorHttp("Jira", URI.create(vendor.baseUrl()), DEADLINE, () -> "Basic c2VjcmV0", null, Clock.systemUTC());
  }

  private ApplicationFailure searchFails() {
    try {
      http.send("search issues", "POST", SEARCH, "{\"jql\":\"project = SEC\",\"fields\":[],\"maxResults\":1}");
    } catch (ApplicationFailure failure) {
      return failure;
    }
    throw new AssertionError("the search did not fail");
  }

  @Test
  void aBodyTrickledAByteASecondEndsAtTheCallsDeadlineNotWhenTheVendorFinishes() {
    vendor.on("POST", SEARCH, 1, new Trickle(Duration.ofMillis(200)));
    long started = System.nanoTime();

    ApplicationFailure failure = searchFails();

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).as("the whole answer would take about 9 s").isLessThan(DEADLINE.plusSeconds(2));
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("no complete answer within 2 s (connect, headers and body)");
  }

  @Test
  void aVendorThatNeverAnswersEndsAtTheCallsDeadline() {
    vendor.on("POST", SEARCH, 1, new Hang());
    long started = System.nanoTime();

    ApplicationFailure failure = searchFails();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.plusSeconds(2));
    assertThat(failure.getType()).isEqualTo("JiraUnavailable");
  }

  @ParameterizedTest(name = "declared in Content-Length: {0}")
  @CsvSource({"true", "false"})
  void aFiftyMegabyteAnswerIsReadUpToTheCapAndFailsRetryablyWithAShortMessage(boolean declared) {
    vendor.on("POST", SEARCH, 1, new Huge(50L * 1024 * 1024, declared));
    long allocatedBefore = allocatedBytes();

    ApplicationFailure failure = searchFails();

    long allocated = allocatedBytes() - allocatedBefore;
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("JiraTooLarge");
    assertThat(failure.getOriginalMessage()).hasSizeLessThan(300).contains("more than 2048 KiB");
    assertThat(allocated).as("bytes allocated while reading a 50 MB answer").isLessThan(25L * 1024 * 1024);
  }

  @Test
  void anErrorWithAHugeBodyQuotesOnlyTheStartOfIt() {
    vendor.on("POST", SEARCH, 1, new Replace(Answer.json(500, "{\"errorMessages\":[\"" + "x".repeat(3_000_000) + "\"]}")));

    ApplicationFailure failure = searchFails();

    assertThat(failure.getOriginalMessage()).startsWith("Jira search issues answered HTTP 500: {\"errorMessages\":[\"xxx")
        .hasSizeLessThanOrEqualTo(VendorFailures.MAX_MESSAGE + 1);
  }

  @Test
  void aSuccessThatIsNotJsonIsRetriedAndQuotedShort() {
    vendor.on("POST", SEARCH, 1, new Replace(Answer.json(200, "<html>" + "maintenance ".repeat(100_000) + "</html>")));

    assertThatThrownBy(() -> http.send("search issues", "POST", SEARCH, "{}").json())
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getType()).isEqualTo("JiraMalformed");
          assertThat(failure.getOriginalMessage()).startsWith("Jira search issues answered without a JSON body: <html>maintenance")
              .hasSizeLessThanOrEqualTo(VendorFailures.MAX_MESSAGE + 1);
        });
  }

  @Test
  void aListTheVendorDocumentsButDidNotSendIsMalformedNotEmpty() {
    vendor.on("POST", SEARCH, 1, new Replace(Answer.json(200, "{\"issues\":\"not-a-list\"}")));

    assertThatThrownBy(() -> http.send("search issues", "POST", SEARCH, "{}").array("issues"))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getOriginalMessage()).contains("answered without a \"issues\" list");
        });
  }

  @ParameterizedTest(name = "Retry-After {1} on HTTP {0} -> {2} s")
  @CsvSource({"429, 0, 2", "429, -5, 2", "503, 1, 2", "429, 3600, 600", "503, 45, 45", "429, 'Mon, 23 Nov 2099 10:01:30 GMT', 600"})
  void retryAfterIsHeldBetweenTheBackoffFloorAndItsCap(int status, String retryAfter, long expectedSeconds) {
    vendor.on("POST", SEARCH, 1, new Replace(Answer.json(status, "{}").withHeader("Retry-After", retryAfter)));

    ApplicationFailure failure = searchFails();

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(expectedSeconds));
    assertThat(failure.getOriginalMessage()).endsWith("retrying after " + expectedSeconds + " s");
  }

  @Test
  void aRedirectIsFinalAndNamesItsLocation() {
    vendor.on("POST", SEARCH, 1, new Replace(Answer.empty(302).withHeader("Location", "https://sso.example.com/login?next=/jira")));

    ApplicationFailure failure = searchFails();

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo("JiraRedirected");
    assertThat(failure.getOriginalMessage())
        .contains("answered HTTP 302 redirecting to https://sso.example.com/login?next=/jira")
        .contains("does not follow redirects");
    assertThat(vendor.requests("GET", "/login")).isEmpty();
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
  }
}
