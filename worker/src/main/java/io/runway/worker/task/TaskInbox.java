package io.runway.worker.task;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.Identities;
import io.runway.lifecycle.model.TaskView;
import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The task inbox over the read model. The query leads with candidate_group and status and orders by
 * due_at, so it reads task_inbox_idx (candidate_group, status, due_at) rather than the table.
 */
@Repository
class TaskInbox {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  TaskInbox(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * {@code actor} limits the result to the actor's groups (and tasks naming the actor) unless
   * {@code allGroups}; an explicit {@code candidateGroup} narrows to that group.
   */
  PageResult<TaskView> list(TaskQuery query, Actor actor, boolean allGroups, Paging paging) {
    StringBuilder where = new StringBuilder(" where status = ?");
    List<Object> params = new ArrayList<>(List.of(query.status().name()));
    if (query.candidateGroup() != null) {
      where.append(" and candidate_group = ?");
      params.add(query.candidateGroup());
    } else if (!allGroups) {
      // overlap rather than "= any(...)": the GIN index on candidate_users can serve it. Candidate users are
      // stored case-folded (an owner named by e-mail): the user's names, and the user name as it is
      where.append(" and (candidate_group = any(?) or candidate_users && ?::text[])");
      params.add(actor.groups().toArray(String[]::new));
      Set<String> names = new LinkedHashSet<>(actor.identities());
      names.add(actor.username());
      params.add(names.toArray(String[]::new));
    }
    if (query.assignee() != null) {
      where.append(" and assignee = ?");
      params.add(query.assignee());
    }
    if (query.overdue()) {
      where.append(" and due_at < now()");
    }
    if (query.initiativeKey() != null) {
      where.append(" and initiative_key = ?");
      params.add(query.initiativeKey());
    }
    if (query.riskTier() != null) {
      where.append(" and risk_tier = ?");
      params.add(query.riskTier());
    }
    if (query.dueWithinDays() != null) {
      where.append(" and due_at < now() + make_interval(days => ?)");
      params.add(query.dueWithinDays());
    }
    long total = jdbc.sql("select count(*) from task" + where).params(params).query(Long.class).single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(paging.size());
    pageParams.add(paging.offset());
    List<TaskView> items =
        jdbc.sql("select view::text from task" + where + " order by due_at, id limit ? offset ?")
            .params(pageParams)
            .query(String.class)
            .list()
            .stream()
            .map(this::view)
            .toList();
    return new PageResult<>(items, paging.page(), paging.size(), total);
  }

  Optional<TaskRow> find(String id) {
    return jdbc.sql("select workflow_id, candidate_group, candidate_users, view::text from task where id = ?")
        .param(id)
        .query((rs, n) -> new TaskRow(rs.getString(1), rs.getString(2), strings(rs, 3), view(rs.getString(4))))
        .optional();
  }

  private TaskView view(String text) {
    return json.readValue(text, TaskView.class);
  }

  private static List<String> strings(ResultSet rs, int column) throws SQLException {
    Array array = rs.getArray(column);
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
