package io.runway.worker.imports;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** import_job and import_row: an import's rows and their outcomes, the only state an import has. */
@Repository
class ImportStore {

  static final String PENDING = "PENDING";
  static final String LAUNCHED = "LAUNCHED";
  static final String ALREADY_PRESENT = "ALREADY_PRESENT";
  static final String FAILED = "FAILED";

  /** A job as its runner needs it. */
  record JobRow(UUID id, String fileName, String status, String requestedBy, List<String> groups, Instant startedAt,
      Instant finishedAt) {}

  record PendingRow(int row, String key, String payload) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final JsonMapper json;

  ImportStore(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.json = json;
  }

  /** The job and all its rows in one transaction: once this commits, every row will be launched or reported. */
  @Transactional
  void create(UUID id, String fileName, ImportFormat format, String requestedBy, List<String> groups, Instant startedAt,
      String runner, List<ParsedRow> rows) {
    jdbc.sql("""
            insert into import_job (id, file_name, format, requested_by, requester_groups, status, started_at, heartbeat_at, runner)
            values (?, ?, ?, ?, ?, 'RUNNING', ?, now(), ?)""")
        .params(id, fileName, format.name(), requestedBy, groups.toArray(String[]::new), Timestamp.from(startedAt), runner)
        .update();
    batch.batchUpdate(
        "insert into import_row (job_id, row_no, key, payload, status, message) values (?, ?, ?, ?::jsonb, ?, ?)",
        rows, 1000, (ps, row) -> {
          ps.setObject(1, id);
          ps.setInt(2, row.row());
          ps.setString(3, row.key());
          ps.setString(4, row.body() == null ? null : json.writeValueAsString(row.body()));
          ps.setString(5, row.error() == null ? PENDING : FAILED);
          ps.setString(6, row.error());
        });
  }

  Optional<JobRow> job(UUID id) {
    return jdbc.sql("select id, file_name, status, requested_by, requester_groups, started_at, finished_at from import_job where id = ?")
        .param(id)
        .query((rs, n) -> new JobRow(rs.getObject("id", UUID.class), rs.getString("file_name"), rs.getString("status"),
            rs.getString("requested_by"), strings(rs.getArray("requester_groups")), instant(rs, "started_at"),
            instant(rs, "finished_at")))
        .optional();
  }

  List<PendingRow> pending(UUID id) {
    return jdbc.sql("select row_no, key, payload::text from import_row where job_id = ? and status = 'PENDING' order by row_no")
        .param(id)
        .query((rs, n) -> new PendingRow(rs.getInt(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  void rowDone(UUID id, int row, String status, String message) {
    jdbc.sql("update import_row set status = ?, message = ? where job_id = ? and row_no = ?")
        .params(status, message, id, row)
        .update();
  }

  /** Whether the key was acknowledged by a launch before this import began (then its row is "already present"). */
  boolean launchedBefore(String key, Instant importStarted) {
    return jdbc.sql("select exists(select 1 from launch_request where key = ? and accepted_at < ?)")
        .params(key, Timestamp.from(importStarted))
        .query(Boolean.class)
        .single();
  }

  void finish(UUID id) {
    jdbc.sql("""
            update import_job set status = 'DONE', finished_at = now(), runner = null
            where id = ? and status = 'RUNNING' and not exists (select 1 from import_row where job_id = ? and status = 'PENDING')""")
        .params(id, id)
        .update();
  }

  void heartbeat(List<UUID> ids, String runner) {
    if (!ids.isEmpty()) {
      jdbc.sql("update import_job set heartbeat_at = now() where id = any(?) and runner = ?")
          .params(ids.toArray(UUID[]::new), runner)
          .update();
    }
  }

  /** Claims RUNNING jobs whose runner has not sent a heartbeat for {@code staleAfter}; each is claimed by one replica only. */
  List<UUID> claimStale(String runner, Duration staleAfter) {
    return jdbc.sql("""
            update import_job set runner = ?, heartbeat_at = now()
            where id in (select id from import_job
                         where status = 'RUNNING' and heartbeat_at < now() - make_interval(secs => ?)
                         for update skip locked limit 10)
            returning id""")
        .params(runner, (double) staleAfter.toSeconds())
        .query((rs, n) -> rs.getObject(1, UUID.class))
        .list();
  }

  Map<String, Integer> counts(UUID id) {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.sql("select status, count(*) from import_row where job_id = ? group by status")
        .param(id)
        .query(rs -> {
          counts.put(rs.getString(1), rs.getInt(2));
        });
    return counts;
  }

  List<RowError> errors(UUID id) {
    return jdbc.sql("select row_no, key, message from import_row where job_id = ? and status = 'FAILED' order by row_no")
        .param(id)
        .query((rs, n) -> new RowError(rs.getInt(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
