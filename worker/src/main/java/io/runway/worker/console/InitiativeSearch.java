package io.runway.worker.console;

import io.runway.lifecycle.Lifecycle;
import io.runway.worker.web.Paging;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The console's initiative list: text search over key, name and business unit, with stage and tier filters. */
@Repository
class InitiativeSearch {

  record Row(String key, String name, String businessUnit, String riskTier, String stage, String owner,
      Instant launchedAt, Instant lastProgressAt) {

    /** The demo seed's sample data: marked in the list. */
    public boolean isSample() {
      return Lifecycle.isSample(key);
    }
  }

  record Result(List<Row> rows, long total, int page, int size) {
    public boolean hasNext() {
      return (long) (page + 1) * size < total;
    }
  }

  private final JdbcClient jdbc;

  InitiativeSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** {@code ownedBy}: one person's names (user name, e-mail): initiatives one of whose owners is that person. */
  Result search(String text, String stage, String riskTier, Set<String> ownedBy, Paging paging) {
    StringBuilder where = new StringBuilder(" where true");
    List<Object> params = new ArrayList<>();
    if (text != null) {
      where.append(" and (key ilike ? or name ilike ? or business_unit ilike ?)");
      String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      params.add(like);
      params.add(like);
      params.add(like);
    }
    if (stage != null) {
      where.append(" and stage = ?");
      params.add(stage);
    }
    if (riskTier != null) {
      where.append(" and risk_tier = ?");
      params.add(riskTier);
    }
    if (ownedBy != null) {
      String[] names = ownedBy.toArray(String[]::new);
      where.append(" and (lower(btrim(owner_business)) = any(?) or lower(btrim(owner_technical)) = any(?)"
          + " or lower(btrim(owner_operations)) = any(?))");
      params.add(names);
      params.add(names);
      params.add(names);
    }
    long total = jdbc.sql("select count(*) from initiative" + where).params(params).query(Long.class).single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(paging.size());
    pageParams.add(paging.offset());
    List<Row> rows = jdbc.sql(
            "select key, name, business_unit, risk_tier, stage, owner_business, launched_at, last_progress_at"
                + " from initiative" + where + " order by launched_at desc nulls last, key limit ? offset ?")
        .params(pageParams)
        .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8))))
        .list();
    return new Result(rows, total, paging.page(), paging.size());
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}
