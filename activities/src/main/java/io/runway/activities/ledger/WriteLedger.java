package io.runway.activities.ledger;

import io.runway.activities.http.AttemptGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands out the write lease of a request key. Temporal may start a second attempt of an activity while
 * the first still runs (its worker lost Temporal, or it outlived its timeout): the lease makes the
 * second wait until the first let go or its time ran out, so their lookups and creates never
 * interleave. The lease lasts as long as the attempt has left ({@link AttemptGuard#remaining()}), in
 * the database's clock, so workers' clocks do not matter.
 */
@Component
public class WriteLedger {

  /** Outside an activity (a test, a tool) nothing bounds the attempt: hold the lease this long at most. */
  static final Duration UNGUARDED_HOLD = Duration.ofMinutes(2);
  private static final Duration RETRY_EVERY = Duration.ofMillis(250);

  private static final String TAKE = """
      insert into vendor_write (system, request_key, holder, lease_until)
      values (:system, :key, :holder, now() + make_interval(secs => :seconds))
      on conflict (system, request_key) do update
        set holder = excluded.holder, lease_until = excluded.lease_until, updated_at = now()
        where vendor_write.holder is null or vendor_write.lease_until < now()
      returning record_id, create_sent_at""";

  private record Row(String recordId, Instant createSentAt) {}

  private final JdbcClient jdbc;

  public WriteLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The lease of {@code requestKey} at {@code system}, waiting (heartbeating) while another attempt holds it. */
  public WriteLease lease(String system, String requestKey) {
    return lease(system, requestKey, UNGUARDED_HOLD);
  }

  /** As {@link #lease(String, String)}, held at most {@code longest} (and never past the attempt's time). */
  WriteLease lease(String system, String requestKey, Duration longest) {
    AttemptGuard guard = AttemptGuard.current();
    String holder = UUID.randomUUID().toString();
    while (true) {
      Duration hold = guard.remaining().compareTo(longest) < 0 ? guard.remaining() : longest;
      Optional<Row> taken = jdbc.sql(TAKE).param("system", system).param("key", requestKey).param("holder", holder)
          .param("seconds", hold.toMillis() / 1000.0)
          .query((rs, n) -> new Row(rs.getString("record_id"),
              rs.getTimestamp("create_sent_at") == null ? null : rs.getTimestamp("create_sent_at").toInstant()))
          .optional();
      if (taken.isPresent()) {
        return new WriteLease(jdbc, system, requestKey, holder, taken.get().recordId(), taken.get().createSentAt() != null);
      }
      guard.pause(system, "waiting for another attempt's write of " + requestKey + " to finish", RETRY_EVERY);
    }
  }
}
