package io.runway.activities.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.activities.hostile.HostileVendor;
import io.runway.activities.hostile.HostileVendor.Trickle;
import io.runway.activities.testing.PostgresExtension;
import io.runway.activities.ticketing.jira.JiraProperties;
import io.runway.activities.ticketing.jira.JiraTicketingActivities;
import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.TicketRef;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The lease keeps two attempts of one write from interleaving, and stops the one whose time ran out. */
@ExtendWith(PostgresExtension.class)
class WriteLedgerTest {

  private static HostileVendor vendor;
  private WriteLedger ledger;

  @BeforeAll
  static void start() throws Exception {
    vendor = new HostileVendor();
  }

  @AfterAll
  static void stop() throws Exception {
    vendor.close();
  }

  @BeforeEach
  void setUp(DataSource dataSource) {
    vendor.behave();
    ledger = new WriteLedger(JdbcClient.create(dataSource));
  }

  @Test
  void twoAttemptsAtOnceLeaveOneIssueTheLaterAdoptsWhatTheFirstRecorded() throws Exception {
    JiraTicketingActivities jira = new JiraTicketingActivities(new JiraProperties(URI.create(vendor.baseUrl()), "runway@example.com",
        "t0ken", "SEC", "Task", "Done", "Cancel", Duration.ofSeconds(30), Duration.ofSeconds(1)), ledger);
    String key = "concurrent/integration/1";
    TicketRequest request = new TicketRequest(key, "concurrent", Gate.INTEGRATION, "Integration", "Wire it in.", List.of("runway"));
    // the first attempt's lookup answer is slow: without the lease, the second would look up and create meanwhile
    vendor.on("POST", "/rest/api/3/search/jql", 1, new Trickle(Duration.ofMillis(50)));

    TicketRef first;
    TicketRef second;
    // two threads of their own, as two activity attempts on two workers have
    try (ExecutorService attempts = Executors.newFixedThreadPool(2)) {
      Future<TicketRef> firstAttempt = attempts.submit(() -> jira.openTicket(request));
      awaitSearch(key);
      Future<TicketRef> secondAttempt = attempts.submit(() -> jira.openTicket(request));
      first = firstAttempt.get();
      second = secondAttempt.get();
    }

    assertThat(second).isEqualTo(first);
    assertThat(vendor.jira().issuesFor(key, JiraTicketingActivities.requestLabel(key))).hasSize(1);
    assertThat(vendor.requests("POST", "/rest/api/3/issue", "\"requestKey\":\"" + key + "\"")).hasSize(1);
  }

  @Test
  void anAttemptWhoseLeaseRanOutIsStoppedBeforeItsCreateAndItsSuccessorMayWrite() {
    WriteLease abandoned = ledger.lease("Jira", "k/security-review/1", Duration.ofMillis(300));

    WriteLease successor = ledger.lease("Jira", "k/security-review/1");

    assertThatThrownBy(abandoned::creating).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isFalse();
      assertThat(failure.getOriginalMessage()).contains("lease ran out");
    });
    successor.creating();
    assertThat(ledger.lease("Jira", "k/other/1").createUnanswered()).isFalse();
    successor.close();
    assertThat(ledger.lease("Jira", "k/security-review/1").createUnanswered()).as("the successor's create had no answer").isTrue();
  }

  private static void awaitSearch(String key) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (vendor.requests("POST", "/rest/api/3/search/jql", JiraTicketingActivities.requestLabel(key)).isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the first lookup never reached Jira");
      }
      Thread.sleep(20);
    }
  }
}
