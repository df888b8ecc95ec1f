package io.runway.bench;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runway as it runs in production, on one machine: a real Temporal server (the CLI's dev server on
 * SQLite), one PostgreSQL, and Runway in the {@code external} profile as two OS processes, one
 * {@code RUNWAY_ROLES=api} (REST API, starts workflows) and one {@code RUNWAY_ROLES=worker} (polls
 * Temporal, runs workflows and activities), so the worker's heap is measured on its own. The harness
 * is the identity provider ({@link BenchIdentity}) and gives both processes the same payload-codec key.
 *
 * <p>Worker settings are the application's defaults unless {@code --worker-env} overrides them:
 * sticky cache of 600 workflows ({@code RUNWAY_WORKER_CACHE_SIZE}) on 600 platform threads,
 * 200 workflow- and activity-task slots, 5 pollers each.
 */
final class RealSetup implements AutoCloseable {

  final DevServer temporal;
  final BenchDatabase db;
  final BenchIdentity identity;
  final String codecKeys;
  AppProcess worker;
  AppProcess api;

  private RealSetup(DevServer temporal, BenchDatabase db, BenchIdentity identity) {
    this.temporal = temporal;
    this.db = db;
    this.identity = identity;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.codecKeys = "bench:" + Base64.getEncoder().encodeToString(key);
  }

  /** Starts the server, the database and the identity provider (not Runway yet). */
  static RealSetup start(Path cli, Path serverLog) throws Exception {
    DevServer temporal = DevServer.start(cli, serverLog);
    BenchDatabase db = null;
    try {
      db = BenchDatabase.start();
      return new RealSetup(temporal, db, BenchIdentity.start());
    } catch (Exception e) {
      if (db != null) {
        db.close();
      }
      temporal.close();
      throw e;
    }
  }

  Map<String, String> runwayEnv(String roles, Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPRING_PROFILES_ACTIVE", "external");
    env.put("RUNWAY_ROLES", roles);
    env.put("TEMPORAL_ADDRESS", temporal.target());
    env.put("RUNWAY_DB_URL", db.jdbcUrl(BenchDatabase.RUNWAY_DB));
    env.put("RUNWAY_DB_USER", BenchDatabase.RUNTIME);
    env.put("RUNWAY_DB_PASSWORD", "");
    env.put("RUNWAY_DB_MIGRATION_USER", BenchDatabase.OWNER);
    env.put("RUNWAY_DB_MIGRATION_PASSWORD", "");
    env.put("RUNWAY_CODEC_KEYS", codecKeys);
    env.put("RUNWAY_AUTH_MODE", "oidc");
    env.put("RUNWAY_AUTH_OIDC_ISSUER_URI", identity.issuer());
    env.put("RUNWAY_AUTH_OIDC_JWK_SET_URI", identity.jwkSetUri());
    env.put("RUNWAY_AUTH_OIDC_CLIENT_ID", "runway-bench");
    env.put("RUNWAY_AUTH_OIDC_AUDIENCES", BenchIdentity.AUDIENCE);
    env.put("RUNWAY_LOG_FORMAT", "");
    env.put("RUNWAY_ACTUATOR_ENDPOINTS", "health,info,metrics");
    env.putAll(extra);
    return env;
  }

  /** A CPU meter for an engine on this set-up: its own processes, then the Temporal server and PostgreSQL. */
  CpuMeter cpuMeter(String engine, Supplier<List<Long>> enginePids) {
    return new CpuMeter().group(engine, enginePids).group("temporal server", temporal::pids).group("postgres", db::pids);
  }

  /** Every pid whose CPU counts as Runway's: both JVMs (and anything they started). */
  List<Long> runwayPids() {
    List<Long> pids = new ArrayList<>();
    for (AppProcess app : new AppProcess[] {api, worker}) {
      if (app != null) {
        pids.add(app.pid());
        app.process.descendants().forEach(d -> pids.add(d.pid()));
      }
    }
    return pids;
  }

  @Override
  public void close() {
    for (AppProcess app : new AppProcess[] {api, worker}) {
      if (app != null) {
        app.close();
      }
    }
    identity.close();
    db.close();
    temporal.close();
  }
}
