package io.runway.worker.portfolio;

import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.ApiProblem.FieldProblem;
import io.runway.worker.web.DayCounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Portfolio questions answered by PostgreSQL over the read model; each is one query whose result is
 * a handful of rows (counts and percentiles are computed in the database, not in Java), except the
 * stall radar, which lists the stalled initiatives themselves.
 */
@Service
public class PortfolioQueries {

  /** The funnel's stages in order; a rejected, withdrawn or retired initiative counts up to the furthest gate it opened. */
  static final List<Stage> FUNNEL = Arrays.stream(Stage.values()).filter(s -> !s.isTerminal()).toList();

  private static final String[] FUNNEL_ORDER = FUNNEL.stream().map(Stage::name).toArray(String[]::new);

  // Rank 1..9 along FUNNEL: the furthest stage an initiative reached is its current stage or the
  // furthest gate it ever opened (furthest_stage_rank, kept by a trigger on gate, see V6), whichever is
  // further; an ended initiative that never opened a gate counts as INTAKE.
  private static final String FUNNEL_SQL = """
      select stage, greatest(coalesce(array_position(?::text[], stage), 1), coalesce(furthest_stage_rank, 1)) as furthest,
             count(*) as n
      from initiative i
      where %s
      group by 1, 2""";

  // Grouped by the index's own columns (gate_time_idx, V14): unfiltered, the index-only scan returns
  // each group in duration order, so nothing is sorted but percentile_cont's presorted input.
  private static final String TIME_IN_GATE_SQL = """
      select g.gate, coalesce(g.candidate_group, 'none') as team, count(*) as completed,
             percentile_cont(array[0.5, 0.9]) within group (order by g.seconds_in_gate) as p
      from gate g %s
      where g.status in ('APPROVED', 'REJECTED') and g.opened_at is not null and g.decided_at is not null and %s
      group by g.gate, g.candidate_group""";

  // Progress is the workflow's own lastProgressAt (launch, gate opened or decided, a task decision,
  // reclassification...): reminders, SLA escalations, claims and ticket updates add timeline lines
  // but are not progress, so they must not hide a stall. An initiative in production is stalled
  // only while it has an open task (a recertification).
  // The per-group limit and counts are taken in SQL, so a radar of 10k stalled initiatives sends
  // only the listed ones to the app.
  private static final String STALLS_SQL = """
      select * from (
        select s.*, count(*) over (partition by grp_gate, grp_team) as group_count,
               row_number() over (partition by grp_gate, grp_team order by last_progress_at, key) as rank_in_group
        from (
          select i.key, i.name, i.business_unit, i.risk_tier, i.last_progress_at, t.assignee,
                 coalesce(i.owner_business, i.sponsor, i.launched_by) as owner,
                 coalesce(t.gate, i.stage) as grp_gate,
                 coalesce(t.candidate_group,
                          (select g.candidate_group from gate g where g.workflow_id = i.workflow_id and g.gate = i.stage),
                          'none') as grp_team
          from initiative i
          left join task t on t.workflow_id = i.workflow_id and t.status = 'OPEN'
          where i.stage not in ('RETIRED', 'REJECTED', 'WITHDRAWN') and i.last_progress_at < ?
            and (i.stage <> 'IN_PRODUCTION' or t.candidate_group is not null) and %s
        ) s
      ) ranked
      where rank_in_group <= ?
      order by grp_gate, grp_team, rank_in_group""";

  private final JdbcClient jdbc;
  private final TransactionTemplate sortsInMemory;
  private final Clock clock;

  PortfolioQueries(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.sortsInMemory = new TransactionTemplate(transactions);
    sortsInMemory.setReadOnly(true);
    this.clock = Clock.systemUTC();
  }

  public Funnel funnel(PortfolioFilter filter) {
    Where where = Where.of(filter, "i");
    List<Object> params = new ArrayList<>();
    params.add(FUNNEL_ORDER);
    params.addAll(where.params);
    long[] reachedAtLeast = new long[FUNNEL.size() + 2];
    Map<String, Long> current = new LinkedHashMap<>();
    jdbc.sql(FUNNEL_SQL.formatted(where.sql)).params(params).query(rs -> {
      long n = rs.getLong("n");
      reachedAtLeast[Math.max(1, Math.min(FUNNEL.size(), rs.getInt("furthest")))] += n;
      current.merge(rs.getString("stage"), n, Long::sum);
    });
    long total = current.values().stream().mapToLong(Long::longValue).sum();
    List<FunnelStage> stages = new ArrayList<>();
    long reached = total;
    for (int rank = 1; rank <= FUNNEL.size(); rank++) {
      String stage = FUNNEL.get(rank - 1).name();
      stages.add(new FunnelStage(stage, reached, current.getOrDefault(stage, 0L), total == 0 ? 0 : (double) reached / total));
      reached -= reachedAtLeast[rank];
    }
    return new Funnel(stages, total, current.getOrDefault("REJECTED", 0L), current.getOrDefault("WITHDRAWN", 0L),
        current.getOrDefault("RETIRED", 0L));
  }

  public List<GateTime> timeInGate(PortfolioFilter filter) {
    Where where = Where.of(filter, "i");
    // the initiative is joined only to filter: unfiltered, the decided gates are the whole input
    String join = where.params.isEmpty() ? "" : "join initiative i on i.workflow_id = g.workflow_id";
    List<GateTime> times = new ArrayList<>(sortsInMemory.execute(status -> {
      // filtered, the joined gates are sorted by team (80k rows, ~7 MB at 100k initiatives, a HIGH filter),
      // and percentile_cont sorts each group's durations: both in memory, not in temp files
      jdbc.sql("set local work_mem = '64MB'").update();
      return jdbc.sql(TIME_IN_GATE_SQL.formatted(join, where.sql)).params(where.params)
          .query((rs, n) -> {
            Double[] p = (Double[]) rs.getArray("p").getArray();
            return new GateTime(rs.getString("gate"), rs.getString("team"), rs.getLong("completed"), seconds(p[0]),
                seconds(p[1]));
          })
          .list();
    }));
    times.sort(Comparator.comparing((GateTime t) -> gateOrder(t.gate())).thenComparing(GateTime::team));
    return times;
  }

  public List<StallGroup> stalls(PortfolioFilter filter) {
    return stallRadar(filter, Integer.MAX_VALUE).groups().stream()
        .map(g -> new StallGroup(g.gate(), g.team(), g.initiatives())).toList();
  }

  /** The stall radar with every group's full count but at most {@code limitPerGroup} initiatives listed in each. */
  public StallRadar stallRadar(PortfolioFilter filter, int limitPerGroup) {
    DayCounts.of("days", filter.stallDays(), 1);
    Instant now = clock.instant();
    Where where = Where.of(filter, "i");
    List<Object> params = new ArrayList<>();
    params.add(Timestamp.from(now.minus(Duration.ofDays(filter.stallDays()))));
    params.addAll(where.params);
    params.add(limitPerGroup);
    Map<List<String>, List<StalledInitiative>> groups = new LinkedHashMap<>();
    Map<List<String>, Long> counts = new LinkedHashMap<>();
    jdbc.sql(STALLS_SQL.formatted(where.sql)).params(params).query(rs -> {
      StalledInitiative stalled = stalled(rs, now);
      List<String> group = List.of(stalled.gate(), stalled.team());
      counts.put(group, rs.getLong("group_count"));
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(stalled);
    });
    List<StallRadar.Group> result = new ArrayList<>();
    groups.forEach((group, initiatives) ->
        result.add(new StallRadar.Group(group.get(0), group.get(1), counts.get(group), initiatives)));
    result.sort(Comparator.comparing((StallRadar.Group g) -> gateOrder(g.gate())).thenComparing(StallRadar.Group::team));
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    return new StallRadar(filter.stallDays(), total, result);
  }

  /** Business units that have initiatives, for filter drop-downs. */
  public List<String> businessUnits() {
    return jdbc.sql("select distinct business_unit from initiative where business_unit is not null order by 1")
        .query(String.class).list();
  }

  private static StalledInitiative stalled(ResultSet rs, Instant now) throws SQLException {
    String holder = firstOf(rs.getString("assignee"), rs.getString("owner"));
    Instant last = rs.getTimestamp("last_progress_at").toInstant();
    return new StalledInitiative(rs.getString("key"), rs.getString("name"), rs.getString("business_unit"),
        rs.getString("risk_tier"), rs.getString("grp_gate"), rs.getString("grp_team"), holder, last,
        Duration.between(last, now).toDays());
  }

  private static String firstOf(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static int gateOrder(String gate) {
    for (Gate g : Gate.values()) {
      if (g.name().equals(gate)) {
        return g.ordinal() + 1;
      }
    }
    return "INTAKE".equals(gate) ? 0 : Gate.values().length + 1;
  }

  private static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.round(Math.max(0, seconds) * 1000));
  }

  /** The filter as SQL on the initiative alias; an unknown risk tier is refused with the allowed values. */
  private record Where(String sql, List<Object> params) {

    static Where of(PortfolioFilter filter, String alias) {
      StringBuilder sql = new StringBuilder("true");
      List<Object> params = new ArrayList<>();
      if (filter.businessUnit() != null && !filter.businessUnit().isBlank()) {
        sql.append(" and ").append(alias).append(".business_unit = ?");
        params.add(filter.businessUnit());
      }
      if (filter.riskTier() != null && !filter.riskTier().isBlank()) {
        sql.append(" and ").append(alias).append(".risk_tier = ?");
        params.add(riskTier(filter.riskTier()));
      }
      if (filter.samples() != PortfolioFilter.Samples.INCLUDE) {
        sql.append(" and ").append(alias).append(filter.samples() == PortfolioFilter.Samples.ONLY ? ".key like ?" : ".key not like ?");
        params.add(Lifecycle.SAMPLE_KEY_PREFIX + "%");
      }
      return new Where(sql.toString(), params);
    }

    private static String riskTier(String value) {
      List<String> allowed = Arrays.stream(RiskTier.values()).map(Enum::name).toList();
      if (!allowed.contains(value)) {
        String message = "'" + value + "' is not one of " + allowed;
        throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "riskTier: " + message,
            List.of(new FieldProblem("riskTier", message, allowed)));
      }
      return value;
    }
  }
}
