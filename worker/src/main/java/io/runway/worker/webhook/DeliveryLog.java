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
