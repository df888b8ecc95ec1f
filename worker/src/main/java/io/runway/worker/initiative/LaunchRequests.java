package io.runway.worker.initiative;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The launch_request table: what the API acknowledged, the only read-model table the API writes. */
@Repository
class LaunchRequests {

  /** A launch as first acknowledged for its key. */
  record Accepted(String key, String payloadHash, String payload, String launchedBy, Instant acceptedAt) {}

  private final JdbcClient jdbc;

  LaunchRequests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the launch unless its key is already known, and returns what is recorded for the key:
   * the caller compares hashes to tell a retry from a different initiative reusing the key.
   */
  @Transactional
  Accepted recordOrGet(String key, String payloadHash, String payload, String launchedBy, Instant acceptedAt) {
    jdbc.sql(
            """
            insert into launch_request (key, payload_hash, payload, launched_by, accepted_at)
            values (?, ?, ?::jsonb, ?, ?) on conflict (key) do nothing""")
        .params(key, payloadHash, payload, launchedBy, Timestamp.from(acceptedAt))
        .update();
    return find(key).orElseThrow();
  }

  Optional<Accepted> find(String key) {
    return jdbc.sql("select key, payload_hash, payload::text, launched_by, accepted_at from launch_request where key = ?")
        .param(key)
        .query(
            (rs, n) ->
                new Accepted(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getTimestamp(5).toInstant()))
        .optional();
  }

  boolean exists(String key) {
    return jdbc.sql("select exists(select 1 from launch_request where key = ?)").param(key).query(Boolean.class).single();
  }
}
