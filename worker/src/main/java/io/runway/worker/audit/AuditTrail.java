package io.runway.worker.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to {@code audit_entry} and reads it back. Appends serialise on a transaction-scoped
 * advisory lock: each reads the head, computes its hash and inserts seq + 1 while no other append can
 * run, so the chain is gapless and never forks however many requests and processes write at once.
 */
@Repository
public class AuditTrail {

  /** The advisory lock key of the audit chain (any constant that no other lock in the database uses). */
  static final long APPEND_LOCK = 0x52554e5741594155L; // "RUNWAYAU"

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final TransactionTemplate transactions;
  private final Clock clock;

  AuditTrail(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.transactions = transactions;
    this.clock = Clock.systemUTC();
  }

  /** Appends {@code record} as the new head of the chain and returns it; throws when it cannot be stored. */
  public AuditEntry append(AuditRecord record) {
    return transactions.execute(status -> {
      jdbc.sql("select pg_advisory_xact_lock(?)").param(APPEND_LOCK).query((rs, n) -> null).list();
      Head head = jdbc.sql("select seq, hash from audit_entry order by seq desc limit 1")
          .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional()
          .orElse(new Head(0, CanonicalForm.GENESIS));
      // microseconds: what PostgreSQL stores, so the hash of the stored row is the hash computed here
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      AuditEntry unsigned = new AuditEntry(head.seq + 1, now, record.actor(), record.actorRoles(),
          record.sourceAddress(), record.initiativeKey(), record.action(), record.outcome(), record.httpStatus(),
          record.detail(), head.hash, null);
      AuditEntry entry = withHash(unsigned, CanonicalForm.hash(unsigned));
      jdbc.sql("insert into audit_entry (" + AuditEntries.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(entry.seq(), OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC), entry.actor(),
              entry.actorRoles(), entry.sourceAddress(), entry.initiativeKey(), entry.action(), entry.outcome(),
              entry.httpStatus(), entry.detail(), entry.prevHash(), entry.hash())
          .update();
      return entry;
    });
  }

  /** Walks the whole chain; see {@link ChainVerifier}. */
  public Verification verify() {
    try (Connection connection = dataSource.getConnection()) {
      return ChainVerifier.verify(connection);
    } catch (SQLException e) {
      throw new SQLStateSQLExceptionTranslator().translate("verify the audit trail", null, e);
    }
  }

  /** Entries matching {@code filter} in seq order, one page ({@code limit} from {@code offset}). */
  public List<AuditEntry> find(AuditQuery filter, long offset, int limit) {
    Where where = where(filter);
    List<Object> params = new ArrayList<>(where.params);
    params.add(limit);
    params.add(offset);
    return jdbc.sql("select " + AuditEntries.COLUMNS + " from audit_entry" + where.sql + " order by seq limit ? offset ?")
        .params(params).query((rs, n) -> AuditEntries.read(rs)).list();
  }

  public long count(AuditQuery filter) {
    Where where = where(filter);
    return jdbc.sql("select count(*) from audit_entry" + where.sql).params(where.params).query(Long.class).single();
  }

  private static Where where(AuditQuery filter) {
    StringBuilder sql = new StringBuilder(" where true");
    List<Object> params = new ArrayList<>();
    if (filter.initiativeKey() != null) {
      // matches entries of this initiative alone and webhook entries that concern it among others
      sql.append(" and string_to_array(initiative_key, ',') @> array[?::text]");
      params.add(filter.initiativeKey());
    }
    if (filter.from() != null) {
      sql.append(" and occurred_at >= ?");
      params.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
    }
    if (filter.to() != null) {
      sql.append(" and occurred_at < ?");
      params.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
    }
    return new Where(sql.toString(), params);
  }

  private static AuditEntry withHash(AuditEntry e, String hash) {
    return new AuditEntry(e.seq(), e.occurredAt(), e.actor(), e.actorRoles(), e.sourceAddress(), e.initiativeKey(),
        e.action(), e.outcome(), e.httpStatus(), e.detail(), e.prevHash(), hash);
  }

  private record Head(long seq, String hash) {}

  private record Where(String sql, List<Object> params) {}
}
