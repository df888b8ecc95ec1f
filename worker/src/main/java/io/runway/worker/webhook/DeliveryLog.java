package io.runway.worker.webhook;

import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhook_delivery} table. Each statement commits on its own: the claim must be visible
 * to a concurrent redelivery before this one signals, which a surrounding transaction would hide.
 */
@Repository
class DeliveryLog {

  /**
   * Claims the delivery id, or takes over a claim left RECEIVED for 5 minutes: its request died
   * between claiming and answering, so the sender never got a 2xx and its retry must be processed.
   */
  private static final String CLAIM = """
      insert into webhook_delivery (source, delivery_id, verdict) values (?, ?, 'RECEIVED')
      on conflict (source, delivery_id) where verdict not in ('REJECTED_SIGNATURE', 'DUPLICATE')
      do update set received_at = now()
      where webhook_delivery.verdict = 'RECEIVED' and webhook_delivery.received_at < now() - interval '5 minutes'
      returning id""";

  private final JdbcClient jdbc;

  DeliveryLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** True when this request owns the delivery and must process it; false for a duplicate. */
  boolean claim(WebhookSource source, String deliveryId) {
    return jdbc.sql(CLAIM).param(source.id()).param(deliveryId).query(Long.class).optional().isPresent();
  }

  void finish(WebhookSource source, String deliveryId, Verdict verdict, String initiativeKey, String detail) {
    jdbc.sql("""
        update webhook_delivery set verdict = ?, initiative_key = ?, detail = ?, processed_at = now()
        where source = ? and delivery_id = ? and verdict = 'RECEIVED'""")
        .param(verdict.name()).param(initiativeKey).param(detail).param(source.id()).param(deliveryId).update();
  }

  /** What an UNMATCHED ticket event said, so that it can be applied once a gate adopts the ticket. */
  void keepEarlyTicket(WebhookSource source, String deliveryId, InboundEvent.TicketResolved ticket) {
    jdbc.sql("""
        update webhook_delivery set ticket_ids = ?, ticket_status = ?, ticket_actor = ?
        where source = ? and delivery_id = ? and verdict = 'UNMATCHED'""")
        .param(ticket.candidateIds().toArray(String[]::new)).param(ticket.status()).param(ticket.actor())
        .param(source.id()).param(deliveryId).update();
  }

  /** A kept ticket event: the delivery's row id and what it said. */
  record EarlyTicket(long id, String deliveryId, List<String> ticketIds, String status, String actor) {}

  /** Kept ticket events received within {@code keptFor}, oldest first. */
  List<EarlyTicket> earlyTickets(java.time.Duration keptFor, int limit) {
    return jdbc.sql("""
        select id, delivery_id, ticket_ids, ticket_status, ticket_actor from webhook_delivery
        where verdict = 'UNMATCHED' and ticket_ids is not null and received_at > now() - make_interval(secs => ?)
        order by received_at limit ?""")
        .param((double) keptFor.toSeconds()).param(limit)
        .query((rs, n) -> new EarlyTicket(rs.getLong("id"), rs.getString("delivery_id"),
            List.of((String[]) rs.getArray("ticket_ids").getArray()), rs.getString("ticket_status"), rs.getString("ticket_actor")))
        .list();
  }

  /** Claims a kept ticket event for applying it (another process may be at it too): true when this one got it. */
  boolean applyEarlyTicket(long id, String initiativeKey, String detail) {
    return jdbc.sql("""
        update webhook_delivery set verdict = 'ACCEPTED', initiative_key = ?, detail = detail || '; ' || ?, processed_at = now()
        where id = ? and verdict = 'UNMATCHED'""")
        .param(initiativeKey).param(detail).param(id).update() == 1;
  }

  /** Gives a kept ticket event back when signalling failed, so the next round tries again. */
  void keepEarlyTicketAgain(long id) {
    jdbc.sql("update webhook_delivery set verdict = 'UNMATCHED', initiative_key = null where id = ? and verdict = 'ACCEPTED'")
        .param(id).update();
  }

  /** Gives the delivery id back after signalling failed, so the sender's retry is processed, not called a duplicate. */
  void release(WebhookSource source, String deliveryId) {
    jdbc.sql("delete from webhook_delivery where source = ? and delivery_id = ? and verdict = 'RECEIVED'")
        .param(source.id()).param(deliveryId).update();
  }

  /** A delivery that is answered without being processed: refused, a duplicate, or unreadable. */
  void record(WebhookSource source, String deliveryId, Verdict verdict, String detail) {
    jdbc.sql("""
        insert into webhook_delivery (source, delivery_id, verdict, detail, processed_at)
        values (?, ?, ?, ?, now()) on conflict do nothing""")
        .param(source.id()).param(deliveryId).param(verdict.name()).param(detail).update();
  }

  PageResult<DeliveryView> list(Verdict verdict, WebhookSource source, Paging paging) {
    StringBuilder where = new StringBuilder(" where true");
    List<Object> params = new ArrayList<>();
    if (verdict != null) {
      where.append(" and verdict = ?");
      params.add(verdict.name());
    }
    if (source != null) {
      where.append(" and source = ?");
      params.add(source.id());
    }
    long total = jdbc.sql("select count(*) from webhook_delivery" + where).params(params).query(Long.class).single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(paging.size());
    pageParams.add(paging.offset());
    List<DeliveryView> items = jdbc.sql("""
        select id, source, delivery_id, received_at, processed_at, verdict, initiative_key, detail
        from webhook_delivery""" + where + " order by received_at desc, id desc limit ? offset ?")
        .params(pageParams).query(DeliveryLog::view).list();
    return new PageResult<>(items, paging.page(), paging.size(), total);
  }

  private static DeliveryView view(ResultSet rs, int row) throws SQLException {
    return new DeliveryView(rs.getLong("id"), rs.getString("source"), rs.getString("delivery_id"),
        instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("processed_at")),
        Verdict.valueOf(rs.getString("verdict")), rs.getString("initiative_key"), rs.getString("detail"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
