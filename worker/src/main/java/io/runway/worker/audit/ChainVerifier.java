package io.runway.worker.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Walks {@code audit_entry} in seq order through a cursor (constant memory however long the trail)
 * and stops at the first broken link. Plain JDBC, so the command-line check runs it without Spring.
 */
public final class ChainVerifier {

  private static final String SELECT_ALL = "select " + AuditEntries.COLUMNS + " from audit_entry order by seq";

  private ChainVerifier() {}

  public static Verification verify(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
    try (PreparedStatement select = connection.prepareStatement(SELECT_ALL)) {
      select.setFetchSize(1000);
      try (ResultSet rows = select.executeQuery()) {
        return walk(rows);
      }
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }

  private static Verification walk(ResultSet rows) throws SQLException {
    long entries = 0;
    long expectedSeq = 1;
    String previousHash = CanonicalForm.GENESIS;
    Long headSeq = null;
    while (rows.next()) {
      AuditEntry entry = AuditEntries.read(rows);
      entries++;
      String broken = brokenLink(entry, expectedSeq, previousHash);
      if (broken != null) {
        // a gap breaks the chain where the first missing entry should be
        long brokenSeq = Math.min(entry.seq(), expectedSeq);
        return Verification.brokenAt(entries, brokenSeq, broken, headSeq, headSeq == null ? null : previousHash);
      }
      headSeq = entry.seq();
      previousHash = entry.hash();
      expectedSeq++;
    }
    return Verification.intact(entries, headSeq, headSeq == null ? null : previousHash);
  }

  private static String brokenLink(AuditEntry entry, long expectedSeq, String previousHash) {
    if (entry.seq() != expectedSeq) {
      long lastMissing = entry.seq() - 1;
      return "entry " + entry.seq() + " follows entry " + (expectedSeq - 1) + ": "
          + (lastMissing > expectedSeq ? "entries " + expectedSeq + " to " + lastMissing + " are" : "entry " + expectedSeq + " is")
          + " missing";
    }
    if (!entry.prevHash().equals(previousHash)) {
      return "entry " + entry.seq() + " does not link to the hash of entry " + (expectedSeq - 1)
          + ": one of the two was altered, or entries were replaced";
    }
    if (!entry.hash().equals(CanonicalForm.hash(entry))) {
      return "entry " + entry.seq() + " does not match its hash: its content was altered after it was written";
    }
    return null;
  }
}
