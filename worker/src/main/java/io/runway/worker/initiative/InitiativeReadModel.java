package io.runway.worker.initiative;

import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.Identities;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TimelineEntry;
import io.runway.worker.web.PageResult;
import io.runway.worker.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Reads initiatives from the read model the projection activity writes; never writes it. */
@Repository
class InitiativeReadModel {

  private final TransactionTemplate oneSnapshot;

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final LaunchRequests launches;

  InitiativeReadModel(JdbcClient jdbc, JsonMapper json, LaunchRequests launches, PlatformTransactionManager transactions) {
    this.oneSnapshot = new TransactionTemplate(transactions);
    oneSnapshot.setReadOnly(true);
    oneSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.jdbc = jdbc;
    this.json = json;
    this.launches = launches;
  }

  PageResult<InitiativeSummary> list(InitiativeFilter filter, Paging paging) {
    StringBuilder where = new StringBuilder(" where true");
    List<Object> params = new ArrayList<>();
    if (filter.stage() != null) {
      where.append(" and stage = ?");
      params.add(filter.stage().name());
    }
    if (filter.riskTier() != null) {
      where.append(" and risk_tier = ?");
      params.add(filter.riskTier().name());
    }
    if (filter.owner() != null) {
      // owners are stored as written: compare them as Identities.normalise does (for the names people use)
      where.append(" and ? in (lower(btrim(owner_business)), lower(btrim(owner_technical)), lower(btrim(owner_operations)))");
      params.add(Identities.normalise(filter.owner()));
    }
    if (filter.ownedBy() != null) {
      // owners are free text: compared trimmed and case-folded, as the workflow compares them
      String[] names = filter.ownedBy().toArray(String[]::new);
      where.append(" and (lower(btrim(owner_business)) = any(?) or lower(btrim(owner_technical)) = any(?)"
          + " or lower(btrim(owner_operations)) = any(?))");
      params.add(names);
      params.add(names);
      params.add(names);
    }
    if (filter.businessUnit() != null) {
      where.append(" and business_unit = ?");
      params.add(filter.businessUnit());
    }
    if (filter.stalled()) {
      // same predicate as initiative_progress_idx, so the stall radar reads the partial index
      where.append(" and stage not in ('RETIRED', 'REJECTED', 'WITHDRAWN') and last_progress_at < ?");
      params.add(Timestamp.from(Instant.now().minusSeconds(86_400L * filter.stalledDays())));
    }
    long total = jdbc.sql("select count(*) from initiative" + where).params(params).query(Long.class).single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(paging.size());
    pageParams.add(paging.offset());
    List<InitiativeSummary> items =
        jdbc.sql(
                """
                select key, workflow_id, name, business_unit, risk_tier, stage, owner_business, owner_technical,
                       owner_operations, sponsor, launched_by, launched_at, last_progress_at, model_name,
                       model_version, outcome_reason
                from initiative"""
                    + where
                    + " order by launched_at desc nulls last, key limit ? offset ?")
            .params(pageParams)
            .query((rs, n) -> summary(rs))
            .list();
    return new PageResult<>(items, paging.page(), paging.size(), total);
  }

  /**
   * The projected view with its timeline; a launch not yet projected shows as INTAKE with no gates.
   * Both reads see one snapshot of the database: read apart, a projection committed in between
   * paired the previous gates with the newest timeline.
   */
  Optional<InitiativeDetail> find(String key) {
    return oneSnapshot.execute(status -> findInOneSnapshot(key));
  }

  private Optional<InitiativeDetail> findInOneSnapshot(String key) {
    Optional<InitiativeView> projected =
        jdbc.sql("select view::text from initiative where key = ?")
            .param(key)
            .query(String.class)
            .optional()
            .map(view -> json.readValue(view, InitiativeView.class));
    if (projected.isPresent()) {
      return Optional.of(new InitiativeDetail(projected.get(), timeline(projected.get().workflowId())));
    }
    return launches.find(key).map(InitiativeReadModel::notYetProjected);
  }

  /** Key -> name of the given initiatives (those the read model has), in one query. */
  Map<String, String> names(Collection<String> keys) {
    Map<String, String> names = new HashMap<>();
    if (keys.isEmpty()) {
      return names;
    }
    jdbc.sql("select key, name from initiative where key = any(?)")
        .param(keys.toArray(String[]::new))
        .query(rs -> {
          names.put(rs.getString(1), rs.getString(2));
        });
    return names;
  }

  Optional<Stage> stage(String key) {
    return jdbc.sql("select stage from initiative where key = ?").param(key).query(String.class).optional().map(Stage::valueOf);
  }

  private List<TimelineEntry> timeline(String workflowId) {
    return jdbc.sql("select seq, at, type, gate, actor, detail from timeline where workflow_id = ? order by seq")
        .param(workflowId)
        .query(
            (rs, n) ->
                new TimelineEntry(
                    rs.getLong("seq"), instant(rs, "at"), rs.getString("type"),
                    rs.getString("gate") == null ? null : Gate.valueOf(rs.getString("gate")),
                    rs.getString("actor"), rs.getString("detail")))
        .list();
  }

  private static InitiativeDetail notYetProjected(LaunchRequests.Accepted accepted) {
    InitiativeRequest request = CanonicalPayload.read(accepted.payload());
    InitiativeView view =
        new InitiativeView(
            accepted.key(), Lifecycle.workflowId(accepted.key()), request, request.riskTier(), Stage.INTAKE, null,
            accepted.launchedBy(), accepted.acceptedAt(), accepted.acceptedAt(), request.modelVersion(), null,
            List.of(), List.of(), List.of(), List.of());
    return new InitiativeDetail(view, List.of());
  }

  private static InitiativeSummary summary(ResultSet rs) throws SQLException {
    return new InitiativeSummary(
        rs.getString("key"), rs.getString("workflow_id"), rs.getString("name"), rs.getString("business_unit"),
        rs.getString("risk_tier"), rs.getString("stage"),
        new Owners(rs.getString("owner_business"), rs.getString("owner_technical"), rs.getString("owner_operations")),
        rs.getString("sponsor"), rs.getString("launched_by"), instant(rs, "launched_at"),
        instant(rs, "last_progress_at"), rs.getString("model_name"), rs.getString("model_version"),
        rs.getString("outcome_reason"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }
}
