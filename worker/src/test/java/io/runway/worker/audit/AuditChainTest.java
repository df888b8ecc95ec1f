package io.runway.worker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chain, the database's guard on it and the command-line check, on a real PostgreSQL migrated
 * as the schema owner and written as the runtime role, as in production, without the application.
 */
class AuditChainTest {

  private static final String OWNER = "runway_owner";
  private static final String RUNTIME = "runway_app";
  private static final String DATABASE = "runway";

  static EmbeddedPostgres postgres;
  static DataSource runtime;
  static JdbcClient owner;

  AuditTrail trail;

  @BeforeAll
  static void migrate() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create role " + OWNER + " login");
      statement.execute("create role " + RUNTIME + " login");
      statement.execute("create database " + DATABASE + " owner " + OWNER);
    }
    Flyway.configure().dataSource(postgres.getDatabase(OWNER, DATABASE)).locations("classpath:db/migration")
        .placeholders(Map.of("runtime_role", RUNTIME)).load().migrate();
    runtime = postgres.getDatabase(RUNTIME, DATABASE);
    owner = JdbcClient.create(postgres.getDatabase(OWNER, DATABASE));
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @BeforeEach
  void emptyTrail() {
    owner.sql("truncate audit_entry").update();
    trail = new AuditTrail(JdbcClient.create(runtime), runtime, new TransactionTemplate(new DataSourceTransactionManager(runtime)));
    for (int i = 1; i <= 5; i++) {
      trail.append(new AuditRecord("user-" + i, "security", "10.0.0." + i, "fraud-scoring", "POST /api/v1/tasks/{id}/claim",
          "ACCEPTED", 200, i == 3 ? "decision APPROVE — ü, \"quoted\"" : null));
    }
  }

  @Test
  void theCommandLineCheckFindsAnIntactChainIntact() {
    Cli result = cli("--url", postgres.getJdbcUrl(RUNTIME, DATABASE), "--user", RUNTIME);

    assertThat(result.status).as(result.out).isEqualTo(AuditVerifyCli.INTACT);
    assertThat(result.out).startsWith("OK: the audit trail is intact: 5 entries; head 5 ");
  }

  @Test
  void theCommandLineCheckNamesTheEntryAnOwnerAltered() {
    owner.sql("update audit_entry set actor = 'someone-else' where seq = 3").update();

    Cli result = cli("--url", postgres.getJdbcUrl(RUNTIME, DATABASE), "--user", RUNTIME);

    assertThat(result.status).as(result.out).isEqualTo(AuditVerifyCli.BROKEN);
    assertThat(result.out).startsWith("BROKEN at entry 3: entry 3 does not match its hash").contains("entries up to 2 are intact");
  }

  @Test
  void anAlteredEntryWithARecomputedHashBreaksTheLinkToTheNextOne() {
    AuditEntry third = trail.find(new AuditQuery(null, null, null), 2, 1).getFirst();
    AuditEntry forged = new AuditEntry(third.seq(), third.occurredAt(), "someone-else", third.actorRoles(),
        third.sourceAddress(), third.initiativeKey(), third.action(), third.outcome(), third.httpStatus(), third.detail(),
        third.prevHash(), null);
    owner.sql("update audit_entry set actor = 'someone-else', hash = ? where seq = 3").param(CanonicalForm.hash(forged)).update();

    Verification result = trail.verify();

    assertThat(result.ok()).isFalse();
    assertThat(result.firstBrokenSeq()).isEqualTo(4);
    assertThat(result.reason()).contains("does not link to the hash of entry 3");
  }

  @Test
  void aDeletedEntryIsReportedWhereTheGapBegins() {
    owner.sql("delete from audit_entry where seq in (2, 3)").update();

    Verification result = trail.verify();

    assertThat(result.ok()).isFalse();
    assertThat(result.firstBrokenSeq()).isEqualTo(2);
    assertThat(result.reason()).isEqualTo("entry 4 follows entry 1: entries 2 to 3 are missing");
    assertThat(result.headSeq()).isEqualTo(1);
  }

  @Test
  void theDatabaseRefusesAnEntryThatDoesNotExtendTheHeadWhoeverWritesIt() {
    JdbcClient app = JdbcClient.create(runtime);
    String head = app.sql("select hash from audit_entry where seq = 5").query(String.class).single();
    String insert = "insert into audit_entry (seq, occurred_at, actor, actor_roles, action, outcome, prev_hash, hash)"
        + " values (?, now(), 'x', '', 'x', 'ACCEPTED', ?, ?)";

    assertThatThrownBy(() -> app.sql(insert).params(7, head, "a".repeat(64)).update()).hasMessageContaining("does not follow the head");
    assertThatThrownBy(() -> app.sql(insert).params(6, "b".repeat(64), "a".repeat(64)).update()).hasMessageContaining("does not link");
    assertThatThrownBy(() -> app.sql(insert).params(5, head, "a".repeat(64)).update()).hasMessageContaining("does not follow the head");
    assertThat(trail.verify().ok()).isTrue();
  }

  @Test
  void theRuntimeRoleReadsAndAppendsButNeverRewrites() {
    JdbcClient app = JdbcClient.create(runtime);

    assertThat(sqlState(() -> app.sql("update audit_entry set detail = 'x' where seq = 1").update())).isEqualTo("42501");
    assertThat(sqlState(() -> app.sql("delete from audit_entry where seq = 5").update())).isEqualTo("42501");
    assertThat(sqlState(() -> app.sql("truncate audit_entry").update())).isEqualTo("42501");
    assertThat(sqlState(() -> app.sql("update flyway_schema_history set success = true where false").update())).isEqualTo("42501");
    assertThat(app.sql("select count(*) from audit_entry").query(Long.class).single()).isEqualTo(5);
  }

  @Test
  void theCommandLineCheckExplainsItsUsageAndAnUnreachableDatabase() {
    Cli noUser = cli("--url", postgres.getJdbcUrl(RUNTIME, DATABASE));
    Cli unreachable = cli("--url", "jdbc:postgresql://localhost:1/runway", "--user", RUNTIME, "--password-env", "NO_SUCH_VARIABLE");

    assertThat(noUser.status).isEqualTo(AuditVerifyCli.USAGE);
    assertThat(noUser.out).startsWith("usage: AuditVerifyCli --url");
    assertThat(unreachable.status).isEqualTo(AuditVerifyCli.UNREACHABLE);
    assertThat(unreachable.out).startsWith("ERROR: cannot read the audit trail at jdbc:postgresql://localhost:1/runway as runway_app");
  }

  private record Cli(int status, String out) {}

  private static Cli cli(String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int status = AuditVerifyCli.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8), name -> null);
    return new Cli(status, buffer.toString(StandardCharsets.UTF_8));
  }

  private static String sqlState(Runnable statement) {
    try {
      statement.run();
      return "no error";
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException sql) {
          return sql.getSQLState();
        }
      }
      throw e;
    }
  }
}
