package io.runway.worker.console;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Inbox filters saved per user (table console_saved_filter); saving under an existing name replaces it. */
@Repository
class SavedFilters {

  record Saved(String name, InboxFilter filter) {}

  private final JdbcClient jdbc;

  SavedFilters(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Saved> of(String username) {
    return jdbc.sql(
            "select name, candidate_group, overdue, due_within_days, risk_tier from console_saved_filter"
                + " where username = ? order by name")
        .param(username)
        .query((rs, n) -> new Saved(rs.getString(1),
            new InboxFilter(rs.getString(2), rs.getBoolean(3), (Integer) rs.getObject(4), rs.getString(5))))
        .list();
  }

  void save(String username, String name, InboxFilter filter) {
    jdbc.sql(
            """
            insert into console_saved_filter (username, name, candidate_group, overdue, due_within_days, risk_tier)
            values (?, ?, ?, ?, ?, ?)
            on conflict (username, name) do update set candidate_group = excluded.candidate_group,
              overdue = excluded.overdue, due_within_days = excluded.due_within_days,
              risk_tier = excluded.risk_tier, saved_at = now()""")
        .params(username, name, filter.group(), filter.overdue(), filter.dueWithinDays(), filter.riskTier())
        .update();
  }

  void delete(String username, String name) {
    jdbc.sql("delete from console_saved_filter where username = ? and name = ?").params(username, name).update();
  }
}
