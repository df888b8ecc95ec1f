package io.runway.activities.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.runway.activities.hostile.HostileVendor.Answer;
import io.runway.activities.hostile.HostileVendor.DropAfterStoring;
import io.runway.activities.hostile.HostileVendor.Hang;
import io.runway.activities.hostile.HostileVendor.Huge;
import io.runway.activities.hostile.HostileVendor.Replace;
import io.runway.activities.hostile.HostileVendor.Request;
import io.runway.activities.hostile.HostileVendor.Trickle;
import io.runway.activities.ledger.WriteLedger;
import io.runway.activities.testing.PostgresExtension;
import io.runway.activities.ticketing.jira.JiraProperties;
import io.runway.activities.ticketing.jira.JiraTicketingActivities;
import io.runway.activities.ticketing.servicenow.ServiceNowProperties;
import io.runway.activities.ticketing.servicenow.ServiceNowTicketingActivities;
import io.runway.lifecycle.activity.TicketRequest;
import io.runway.lifecycle.activity.TicketUpdate;
import io.runway.lifecycle.model.Gate;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Jira and ServiceNow adapters as Temporal runs them, against a real Temporal server (the CLI's
 * dev server) and {@link HostileVendor}: the attempt's timeout, its heartbeats, the server's retries
 * and a cancellation are the real ones. Each scenario ends with exactly one vendor record per request
 * key. The adapters' call timeout (60 s) is far longer than an attempt's (6 s) on purpose: the
 * attempt's own time is what bounds each call.
 */
@ExtendWith(PostgresExtension.class)
class VendorFaultsOnRealTemporalTest {

  private static final String ISSUE = "/rest/api/3/issue";
  private static final String SEARCH = "/rest/api/3/search/jql";
  private static final String TABLE = "/api/now/table/change_request";
  private static final Duration ATTEMPT = Duration.ofSeconds(6);
  private static final Duration SEARCH_LAG = Duration.ofSeconds(3);
  private static final String WORKFLOWS = "vendor-calls-" + UUID.randomUUID();
  private static final String JIRA = "jira-" + UUID.randomUUID();
  private static final String SERVICENOW = "servicenow-" + UUID.randomUUID();

  private static HostileVendor vendor;
  private static RealTemporal temporal;
  private static WorkflowClient client;
  private static WorkerFactory workers;

  @BeforeAll
  static void start(DataSource dataSource) throws Exception {
    temporal = RealTemporal.start();
    vendor = new HostileVendor();
    client = temporal.client();
    workers = WorkerFactory.newInstance(client);
    workers.newWorker(WORKFLOWS).registerWorkflowImplementationTypes(VendorCallWorkflowImpl.class);
    WriteLedger ledger = new WriteLedger(JdbcClient.create(dataSource));
    Worker jira = workers.newWorker(JIRA);
    jira.registerActivitiesImplementations(new JiraTicketingActivities(new JiraProperties(URI.create(vendor.baseUrl()),
        "runway@example.com", "t0ken", "SEC", "Task", "Done", "Cancel", Duration.ofSeconds(60), SEARCH_LAG), ledger));
    Worker serviceNow = workers.newWorker(SERVICENOW);
    serviceNow.registerActivitiesImplementations(new ServiceNowTicketingActivities(new ServiceNowProperties(vendor.baseUrl(),
        "runway", "pa55", null, null, null, null, null, null, Duration.ofSeconds(60)), ledger));
    workers.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (workers != null) {
      workers.shutdownNow();
      workers.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (vendor != null) {
      vendor.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @BeforeEach
  void wellBehavedVendor() {
    vendor.behave();
    vendor.jira().searchLag(Duration.ZERO);
  }

  private static TicketRequest request(String key) {
    return new TicketRequest(key, "hostile", Gate.INTEGRATION, "Integration: hostile", "Wire the model in.", List.of("runway"));
  }

  private static VendorCallWorkflow.Call open(String queue, TicketRequest request, int attempts) {
    return new VendorCallWorkflow.Call(request, null, queue, ATTEMPT, Duration.ofSeconds(3), attempts, Duration.ofMillis(500));
  }

  private static VendorCallWorkflow workflow() {
    return client.newWorkflowStub(VendorCallWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(WORKFLOWS)
        .setWorkflowId("vendor-call-" + UUID.randomUUID()).setWorkflowExecutionTimeout(Duration.ofMinutes(2)).build());
  }

  private static List<HostileJira.Issue> issuesFor(String key) {
    return vendor.jira().issuesFor(key, JiraTicketingActivities.requestLabel(key));
  }

  /** The creates sent for this request key. */
  private static List<Request> creates(String key) {
    return vendor.requests("POST", ISSUE, "\"requestKey\":\"" + key + "\"");
  }

  private static List<Request> searches(String key) {
    return vendor.requests("POST", SEARCH, JiraTicketingActivities.requestLabel(key));
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "/integration/1";
  }

  @Test
  void aCreateWhoseAnswerTricklesPastTheAttemptsTimeIsAdoptedByTheNextAttemptNotMadeAgain() {
    String key = unique("trickle");
    vendor.on("POST", ISSUE, 1, new Trickle(Duration.ofMillis(250)));

    String ticket = workflow().call(open(JIRA, request(key), 4));

    assertThat(issuesFor(key)).extracting(i -> i.key).containsExactly(ticket);
    assertThat(creates(key)).hasSize(1);
  }

  @Test
  void aCreateDroppedAfterJiraStoredItIsFoundOnceJirasSearchCatchesUp() {
    String key = unique("dropped");
    vendor.jira().searchLag(Duration.ofSeconds(2));
    vendor.on("POST", ISSUE, 1, new DropAfterStoring());

    String ticket = workflow().call(open(JIRA, request(key), 4));

    assertThat(issuesFor(key)).extracting(i -> i.key).containsExactly(ticket);
    assertThat(creates(key)).hasSize(1);
  }

  @Test
  void aCreateThatHangsBeforeJiraStoresAnythingIsMadeOnceByTheNextAttempt() {
    String key = unique("hang");
    vendor.on("POST", ISSUE, 1, new Hang());

    String ticket = workflow().call(open(JIRA, request(key), 4));

    assertThat(issuesFor(key)).extracting(i -> i.key).containsExactly(ticket);
    assertThat(creates(key)).as("the first create stored nothing").hasSize(2);
  }

  @Test
  void searchAnswersWithoutTheirDocumentedShapeNeverLeadToASecondIssue() {
    String key = unique("lying-search");
    HostileJira.Issue existing = vendor.jira().seed(key, JiraTicketingActivities.requestLabel(key));
    vendor.on("POST", SEARCH, 1, new Replace(Answer.json(200, "{}")));
    vendor.on("POST", SEARCH, 1, new Replace(Answer.json(200, "{\"issues\":\"not-a-list\"}")));

    String ticket = workflow().call(open(JIRA, request(key), 4));

    assertThat(ticket).isEqualTo(existing.key);
    assertThat(issuesFor(key)).hasSize(1);
    assertThat(creates(key)).isEmpty();
  }

  @Test
  void retryAfterZeroIsHeldToTheBackoffFloorBetweenAttempts() {
    String key = unique("retry-after-zero");
    vendor.on("POST", SEARCH, 3, new Replace(Answer.json(429, "{\"errorMessages\":[\"Rate limit exceeded.\"]}").withHeader("Retry-After", "0")));

    workflow().call(new VendorCallWorkflow.Call(request(key), null, JIRA, ATTEMPT, Duration.ofSeconds(3), 5, Duration.ofMillis(100)));

    List<Request> searches = searches(key);
    for (int i = 1; i <= 3; i++) {
      assertThat(Duration.between(searches.get(i - 1).receivedAt(), searches.get(i).receivedAt()))
          .as("wait before attempt " + (i + 1)).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
    }
    assertThat(issuesFor(key)).hasSize(1);
  }

  @Test
  void aCancelledAttemptStopsWhileWaitingOnJiraAndWritesNothing() throws Exception {
    String key = unique("cancelled");
    vendor.on("POST", SEARCH, -1, new Hang());
    VendorCallWorkflow workflow = workflow();
    WorkflowClient.start(workflow::call, new VendorCallWorkflow.Call(request(key), null, JIRA, Duration.ofSeconds(60),
        Duration.ofSeconds(2), 1, Duration.ofSeconds(1)));
    await("the search reaching Jira", () -> !searches(key).isEmpty());

    Instant cancelled = Instant.now();
    workflow.cancel();
    String outcome = WorkflowStub.fromTyped(workflow).getResult(30, TimeUnit.SECONDS, String.class);

    assertThat(outcome).isEqualTo("cancelled");
    assertThat(Duration.between(cancelled, Instant.now())).as("the attempt stops at a heartbeat, not at its 60 s timeout")
        .isLessThan(Duration.ofSeconds(15));
    vendor.behave();
    assertThat(creates(key)).isEmpty();
    assertThat(issuesFor(key)).isEmpty();
  }

  @Test
  void aFiftyMegabyteAnswerFailsEachAttemptAtOnceWithAFailureThatFitsInTemporalAndShortLogLines() {
    String key = unique("huge");
    vendor.on("POST", SEARCH, -1, new Huge(50L * 1024 * 1024, false));
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    long allocatedBefore = allocatedBytes();
    Instant started = Instant.now();
    try {
      assertThatThrownBy(() -> workflow().call(open(JIRA, request(key), 2)))
          .isInstanceOfSatisfying(WorkflowFailedException.class, failed -> {
            ApplicationFailure cause = (ApplicationFailure) ((ActivityFailure) failed.getCause()).getCause();
            assertThat(cause.getType()).isEqualTo("JiraTooLarge");
            assertThat(cause.getOriginalMessage()).hasSizeLessThan(300);
          });
    } finally {
      root.detachAppender(logs);
    }

    assertThat(Duration.between(started, Instant.now())).as("two attempts end at once, not at their 6 s timeouts")
        .isLessThan(ATTEMPT);
    assertThat(allocatedBytes() - allocatedBefore).as("bytes allocated for two 50 MB answers").isLessThan(100L * 1024 * 1024);
    List<Integer> lineSizes = logs.list.stream().map(VendorFaultsOnRealTemporalTest::size).toList();
    assertThat(lineSizes).allMatch(size -> size < 16 * 1024);
    assertThat(lineSizes.stream().mapToInt(Integer::intValue).sum()).as("log written by the run").isLessThan(256 * 1024);
    assertThat(issuesFor(key)).isEmpty();
  }

  @Test
  void aCommentWhoseAnswerWasDroppedIsNotPostedAgain() {
    HostileJira.Issue issue = vendor.jira().seed(unique("comment"));
    String commentKey = unique("comment") + "/comment-3";
    vendor.on("POST", ISSUE + "/" + issue.key + "/comment", 1, new DropAfterStoring());

    String outcome = workflow().call(new VendorCallWorkflow.Call(null, new TicketUpdate(commentKey, issue.key, "APPROVE by security-1", null),
        JIRA, ATTEMPT, Duration.ofSeconds(3), 4, Duration.ofMillis(500)));

    assertThat(outcome).isEqualTo("updated");
    assertThat(issue.comments).hasSize(1);
  }

  @Test
  void aChangeDroppedAfterServiceNowStoredItIsAdoptedNotOpenedTwice() {
    String key = unique("servicenow");
    vendor.on("POST", TABLE, 1, new DropAfterStoring());

    String ticket = workflow().call(open(SERVICENOW, request(key), 4));

    assertThat(vendor.serviceNow().changesFor(key)).extracting(c -> c.number).containsExactly(ticket);
  }

  private static int size(ILoggingEvent event) {
    return event.getFormattedMessage().length()
        + (event.getThrowableProxy() == null ? 0 : ThrowableProxyUtil.asString(event.getThrowableProxy()).length());
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
  }

  private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
