package io.runway.worker.seed;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Seeds the read model for benchmarks when {@code runway.seed.initiatives} is above 0 (off by
 * default): {@code initiatives} synthetic initiatives with their gates, {@code tasks} tasks spread
 * over the gates each one reached as review rounds, and their timeline lines, written with COPY
 * before the app reports ready. These are read-model rows only: no workflow exists behind them, so
 * commands on a seeded initiative answer 409. A database that already holds seeded rows is left as it is.
 */
@Component
@ConditionalOnExpression("${runway.seed.initiatives:0} > 0")
class ReadModelSeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ReadModelSeeder.class);
  private static final int CHUNK = 5_000;

  private final DataSource dataSource;
  private final int initiatives;
  private final int tasks;
  private final long seed;

  ReadModelSeeder(
      DataSource dataSource,
      @Value("${runway.seed.initiatives:0}") int initiatives,
      @Value("${runway.seed.tasks:0}") int tasks,
      @Value("${runway.seed.random-seed:42}") long seed) {
    this.dataSource = dataSource;
    this.initiatives = initiatives;
    this.tasks = tasks > 0 ? tasks : initiatives * 10;
    this.seed = seed;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      try (Statement st = connection.createStatement();
          var rs = st.executeQuery("select exists(select 1 from initiative where key like '" + SyntheticPortfolio.PREFIX + "%')")) {
        rs.next();
        if (rs.getBoolean(1)) {
          log.info("read model already holds seeded initiatives; not seeding again");
          return;
        }
      }
      long t0 = System.nanoTime();
      log.info("seeding the read model: {} initiatives, {} tasks (benchmark data, no workflows)...", initiatives, tasks);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      SyntheticPortfolio portfolio = new SyntheticPortfolio(seed, Instant.now(), initiatives, tasks);
      SyntheticPortfolio.Counts counts = new SyntheticPortfolio.Counts();
      for (int from = 0; from < initiatives; from += CHUNK) {
        SyntheticPortfolio.Chunk chunk = portfolio.chunk(from, Math.min(initiatives, from + CHUNK), counts);
        copy.copyIn("copy initiative (key, workflow_id, name, business_unit, risk_tier, stage, policy_version, owner_business,"
            + " owner_technical, owner_operations, sponsor, launched_by, launched_at, last_progress_at, last_seq, view,"
            + " furthest_stage_rank)"
            + " from stdin with (format csv)", new StringReader(chunk.initiatives()));
        copy.copyIn("copy gate (workflow_id, gate, status, candidate_group, round, opened_at, decided_at, decided_by, due_at)"
            + " from stdin with (format csv)", new StringReader(chunk.gates()));
        copy.copyIn("copy task (id, workflow_id, initiative_key, gate, kind, round, candidate_group, status, assignee,"
            + " risk_tier, created_at, due_at, completed_at, decision, decided_by, escalation_level, view)"
            + " from stdin with (format csv)", new StringReader(chunk.tasks()));
        copy.copyIn("copy timeline (workflow_id, seq, at, type, gate, actor, detail) from stdin with (format csv)",
            new StringReader(chunk.timeline()));
        if ((from / CHUNK) % 4 == 3) {
          log.info("  ... {} initiatives", from + CHUNK);
        }
      }
      try (Statement st = connection.createStatement()) {
        // fresh statistics and visibility maps, as autovacuum would leave them, so plans and index-only scans are the real ones
        st.execute("vacuum analyze initiative, gate, task, timeline");
      }
      log.info("seeded {} initiatives, {} gates, {} tasks, {} timeline lines in {} s", counts.initiatives, counts.gates,
          counts.tasks, counts.timeline, (System.nanoTime() - t0) / 1_000_000_000);
    }
  }
}
