package io.runway.activities.ledger;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The right to write for one request key, and what earlier attempts left: the record's id when one
 * learnt it, or the mark of a create whose answer was lost. Closing it lets the next attempt in.
 */
public final class WriteLease implements AutoCloseable {

  private final JdbcClient jdbc;
  private final String system;
  private final String requestKey;
  private final String holder;
  private final String recordId;
  private final boolean createUnanswered;

  WriteLease(JdbcClient jdbc, String system, String requestKey, String holder, String recordId, boolean createUnanswered) {
    this.jdbc = jdbc;
    this.system = system;
    this.requestKey = requestKey;
    this.holder = holder;
    this.recordId = recordId;
    this.createUnanswered = createUnanswered;
  }

  /** The vendor's id of the record this key made, as an earlier attempt learnt it: read it directly, no search needed. */
  public Optional<String> recordId() {
    return Optional.ofNullable(recordId);
  }

  /** An earlier attempt sent a create and never saw the answer: the record may exist without search showing it yet. */
  public boolean createUnanswered() {
    return createUnanswered;
  }

  /**
   * How much longer a search may still miss that unanswered create, given the vendor's {@code lag}:
   * zero once the lag has passed since it was sent.
   */
  public Duration lagLeft(Duration lag) {
    if (!createUnanswered) {
      return Duration.ZERO;
    }
    Double millis = jdbc.sql("""
        select greatest(0, extract(epoch from (create_sent_at + make_interval(secs => :lag) - now())) * 1000)
        from vendor_write where system = :system and request_key = :key""")
        .param("lag", lag.toMillis() / 1000.0).param("system", system).param("key", requestKey)
        .query(Double.class).optional().orElse(0.0);
    return Duration.ofMillis(millis == null ? 0 : millis.longValue());
  }

  /**
   * Right before sending a create: marks it sent, if the lease is still this attempt's. An attempt that
   * lost its lease (it outlived its time) is stopped here, before it writes.
   */
  public void creating() {
    int marked = jdbc.sql("""
        update vendor_write set create_sent_at = now(), updated_at = now()
        where system = :system and request_key = :key and holder = :holder and lease_until > now()""")
        .param("system", system).param("key", requestKey).param("holder", holder).update();
    if (marked == 0) {
      throw lost();
    }
  }

  /**
   * The vendor answered the create with a refusal (a 4xx, a 429 or 503 asking to come back later): it
   * made nothing, so the next attempt need not wait out the search lag before creating.
   */
  public void createRefused() {
    jdbc.sql("update vendor_write set create_sent_at = null, updated_at = now() where system = :system and request_key = :key"
            + " and holder = :holder")
        .param("system", system).param("key", requestKey).param("holder", holder).update();
  }

  /** Right before any other write: refuses when the lease is no longer this attempt's. */
  public void stillHeld() {
    int held = jdbc.sql("""
        update vendor_write set updated_at = now()
        where system = :system and request_key = :key and holder = :holder and lease_until > now()""")
        .param("system", system).param("key", requestKey).param("holder", holder).update();
    if (held == 0) {
      throw lost();
    }
  }

  /** The record the key made is known now (created, or found): later attempts read it by this id. */
  public void recorded(String vendorId) {
    jdbc.sql("""
        update vendor_write set record_id = :id, create_sent_at = null, updated_at = now()
        where system = :system and request_key = :key""")
        .param("id", vendorId).param("system", system).param("key", requestKey).update();
  }

  @Override
  public void close() {
    jdbc.sql("update vendor_write set holder = null, lease_until = null, updated_at = now() where system = :system"
            + " and request_key = :key and holder = :holder")
        .param("system", system).param("key", requestKey).param("holder", holder).update();
  }

  private ApplicationFailure lost() {
    return ApplicationFailure.newFailure(system + " write for " + requestKey + " was not sent: this attempt's lease ran out and"
        + " another attempt may be writing it; the next attempt reads what that one left", system + "Unavailable");
  }
}
