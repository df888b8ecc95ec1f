package io.runway.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One real PostgreSQL (zonky embedded, as the worker's embedded profile starts it) for everything the
 * run measures: Runway's read model in database {@code runway} with the production's two roles
 * (Flyway migrates as the owner {@code runway_owner}, the app connects as {@code runway_app}, which
 * the migrations grant only INSERT and SELECT on the audit trail), and Flowable's tables in database
 * {@code flowable}. It trusts local connections, so no role has a password.
 */
final class BenchDatabase implements AutoCloseable {

  static final String RUNWAY_DB = "runway";
  static final String OWNER = "runway_owner";
  static final String RUNTIME = "runway_app";
  static final String FLOWABLE_DB = "flowable";

  final EmbeddedPostgres postgres;

  private BenchDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static BenchDatabase start() throws IOException, SQLException {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        // enough connections for two Runway processes' pools and Flowable's
        .setServerConfig("max_connections", "200")
        .start();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("create role " + OWNER + " login");
      s.execute("create role " + RUNTIME + " login");
      s.execute("create database " + RUNWAY_DB + " owner " + OWNER);
      s.execute("create database " + FLOWABLE_DB);
    } catch (SQLException e) {
      postgres.close();
      throw e;
    }
    BenchDatabase db = new BenchDatabase(postgres);
    Runtime.getRuntime().addShutdownHook(new Thread(db::close, "stop-postgres"));
    return db;
  }

  int port() {
    return postgres.getPort();
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }

  /** Bytes the database takes on disk (pg_database_size: tables, indexes, TOAST). */
  long databaseBytes(String database) {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select pg_database_size('" + database + "')")) {
      return r.next() ? r.getLong(1) : -1;
    } catch (SQLException e) {
      return -1;
    }
  }

  /** The postmaster and its backends, found by the data directory in their command line. */
  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    try {
      Path pidFile = findPidFile();
      if (pidFile != null) {
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
      }
    } catch (IOException | RuntimeException ignored) {
      // CPU of postgres is then reported as unknown
    }
    return pids;
  }

  private Path findPidFile() throws IOException {
    // zonky keeps its data directory under java.io.tmpdir/embedded-pg/...; the postmaster.pid there names the server
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("show data_directory")) {
      if (r.next()) {
        Path file = Path.of(r.getString(1), "postmaster.pid");
        return Files.exists(file) ? file : null;
      }
    } catch (SQLException e) {
      return null;
    }
    return null;
  }

  @Override
  public synchronized void close() {
    try {
      postgres.close();
    } catch (IOException | RuntimeException ignored) {
      // already stopped
    }
  }

  static long dirBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return -1;
    }
  }
}
