package io.runway.worker.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At start-up, after the migrations: can the role the application connects as change the audit
 * trail? It must not own {@code audit_entry}, be a superuser, or hold UPDATE, DELETE or TRUNCATE on it.
 * If it can, start-up fails ({@code runway.audit.require-append-only-role}, the default outside the
 * embedded profile) or a warning is logged.
 */
@Component
class AppendOnlyRoleCheck implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AppendOnlyRoleCheck.class);

  private static final String POWERS = """
      select current_user as role, r.rolsuper as superuser,
             pg_has_role(current_user, c.relowner, 'MEMBER') as owner,
             has_table_privilege(c.oid, 'UPDATE') as can_update,
             has_table_privilege(c.oid, 'DELETE') as can_delete,
             has_table_privilege(c.oid, 'TRUNCATE') as can_truncate
      from pg_class c join pg_roles r on r.rolname = current_user
      where c.oid = 'audit_entry'::regclass""";

  private final JdbcClient jdbc;
  private final boolean required;

  AppendOnlyRoleCheck(JdbcClient jdbc, @Value("${runway.audit.require-append-only-role:true}") boolean required) {
    this.jdbc = jdbc;
    this.required = required;
  }

  @Override
  public void run(ApplicationArguments args) {
    String problem = jdbc.sql(POWERS).query((rs, n) -> {
      if (rs.getBoolean("superuser")) {
        return "is a superuser";
      }
      if (rs.getBoolean("owner")) {
        return "owns audit_entry (or is a member of its owner)";
      }
      if (rs.getBoolean("can_update") || rs.getBoolean("can_delete") || rs.getBoolean("can_truncate")) {
        return "holds UPDATE, DELETE or TRUNCATE on audit_entry";
      }
      return null;
    }).optional().orElse(null);
    if (problem == null) {
      return;
    }
    String role = jdbc.sql("select current_user").query(String.class).single();
    String message = "The application's database role '" + role + "' " + problem + ", so it could alter the audit"
        + " trail. Connect as a role with INSERT and SELECT only on audit_entry (RUNWAY_DB_USER) and migrate as the"
        + " schema owner (RUNWAY_DB_MIGRATION_USER); docs/operations.md, Database roles.";
    if (required) {
      throw new IllegalStateException(message + " (runway.audit.require-append-only-role=false starts anyway)");
    }
    log.warn(message);
  }
}
