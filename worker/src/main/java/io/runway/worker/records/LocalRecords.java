package io.runway.worker.records;

import io.runway.worker.records.RecordViews.Comment;
import io.runway.worker.records.RecordViews.CrmRecord;
import io.runway.worker.records.RecordViews.Model;
import io.runway.worker.records.RecordViews.ModelAlias;
import io.runway.worker.records.RecordViews.ModelVersion;
import io.runway.worker.records.RecordViews.Notification;
import io.runway.worker.records.RecordViews.Ticket;
import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the local adapters' tables; the activities write them, the API never does. */
@Repository
class LocalRecords {

  private static final String TICKET_COLUMNS =
      "id, initiative_key, gate, summary, description, labels, status, created_at, updated_at";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  LocalRecords(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The local board's tickets, oldest first, one page of them. */
  PageResult<Ticket> tickets(String initiativeKey, Paging paging) {
    String where = initiativeKey == null ? "" : " where initiative_key = ?";
    List<Object> params = initiativeKey == null ? List.of() : List.of(initiativeKey);
    long total = jdbc.sql("select count(*) from local_ticket" + where).params(params).query(Long.class).single();
    List<Ticket> items = jdbc.sql("select " + TICKET_COLUMNS + " from local_ticket" + where
            + " order by created_at, id limit " + paging.size() + " offset " + paging.offset())
        .params(params)
        .query((rs, n) -> ticket(rs, List.of()))
        .list();
    return new PageResult<>(items, paging.page(), paging.size(), total);
  }

  Optional<Ticket> ticket(String id) {
    List<Comment> comments =
        jdbc.sql("select body, created_at from local_ticket_comment where ticket_id = ? order by created_at, request_key")
            .param(id)
            .query((rs, n) -> new Comment(rs.getString(1), instant(rs, 2)))
            .list();
    return jdbc.sql("select " + TICKET_COLUMNS + " from local_ticket where id = ?")
        .param(id)
        .query((rs, n) -> ticket(rs, comments))
        .optional();
  }

  Optional<CrmRecord> crmRecord(String externalId) {
    return jdbc.sql(
            """
            select external_id, crm_id, name, business_unit, stage, risk_tier, owners::text, sponsor, go_live_date,
                   updated_at, latest_attainment, latest_value_decision, gate_status from local_crm_record
            where external_id = ?""")
        .param(externalId)
        .query(
            (rs, n) ->
                new CrmRecord(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), node(rs.getString(7)), rs.getString(8), rs.getString(9),
                    rs.getObject(11) == null ? null : rs.getDouble(11), rs.getString(12), rs.getString(13),
                    instant(rs, 10)))
        .optional();
  }

  Optional<Model> model(String name) {
    List<ModelVersion> versions =
        jdbc.sql(
                "select version, metrics::text, tags::text, created_at from local_model_version where model_name = ?"
                    + " order by created_at, version")
            .param(name)
            .query((rs, n) -> new ModelVersion(rs.getString(1), node(rs.getString(2)), node(rs.getString(3)), instant(rs, 4)))
            .list();
    List<ModelAlias> aliases =
        jdbc.sql("select alias, version, updated_at from local_model_alias where model_name = ? order by alias")
            .param(name)
            .query((rs, n) -> new ModelAlias(rs.getString(1), rs.getString(2), instant(rs, 3)))
            .list();
    return versions.isEmpty() && aliases.isEmpty() ? Optional.empty() : Optional.of(new Model(name, versions, aliases));
  }

  /** The notification outbox, oldest first, one page of it. */
  PageResult<Notification> notifications(String initiativeKey, Paging paging) {
    String where = initiativeKey == null ? "" : " where initiative_key = ?";
    List<Object> params = initiativeKey == null ? List.of() : List.of(initiativeKey);
    long total = jdbc.sql("select count(*) from notification_outbox" + where).params(params).query(Long.class).single();
    List<Notification> items = jdbc.sql(
            "select request_key, kind, initiative_key, task_id, recipients, subject, body, created_at"
                + " from notification_outbox" + where + " order by created_at, request_key"
                + " limit " + paging.size() + " offset " + paging.offset())
        .params(params)
        .query(
            (rs, n) ->
                new Notification(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), strings(rs, 5),
                    rs.getString(6), rs.getString(7), instant(rs, 8)))
        .list();
    return new PageResult<>(items, paging.page(), paging.size(), total);
  }

  private static Ticket ticket(ResultSet rs, List<Comment> comments) throws SQLException {
    return new Ticket(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), strings(rs, 6),
        rs.getString(7), instant(rs, 8), instant(rs, 9), comments);
  }

  private JsonNode node(String text) {
    return text == null ? null : json.readTree(text);
  }

  private static List<String> strings(ResultSet rs, int column) throws SQLException {
    Array array = rs.getArray(column);
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }
}
