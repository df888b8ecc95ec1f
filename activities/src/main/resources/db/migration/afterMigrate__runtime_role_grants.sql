-- Flyway runs this after every migrate (each start of Runway), as the schema owner: it gives the
-- application's runtime role (placeholder runtime_role, Runway's RUNWAY_DB_USER) what it may do and
-- no more. Normal DML on Runway's tables, INSERT and SELECT only on audit_entry, nothing on Flyway's
-- history. Re-applied on every start rather than once in a versioned migration, so a runtime role
-- that changes, or a first start with the wrong one, is put right by the next start, and tables
-- later migrations create are covered (also by the default privileges).
-- A runtime role that is the migration role itself owns every table and cannot be restricted: that
-- is refused at start-up (runway.audit.require-append-only-role).
do $$
declare
    runtime text := '${runtime_role}';
    owned   text := '${flyway:defaultSchema}';
    tbl     text;
begin
    if not exists (select from pg_roles where rolname = runtime) then
        raise exception 'Runway''s runtime database role "%" does not exist. Create it (CREATE ROLE "%" LOGIN PASSWORD ...) and connect the application with it (RUNWAY_DB_USER); migrations run as the schema owner (RUNWAY_DB_MIGRATION_USER). See docs/operations.md, Database roles.',
            runtime, runtime;
    end if;
    if runtime = current_user then
        raise warning 'Runway''s runtime role "%" is the migration role: it owns audit_entry, which therefore cannot be append-only for it. Use a separate RUNWAY_DB_MIGRATION_USER.', runtime;
        return;
    end if;
    -- one process at a time: concurrent GRANTs on the same objects fail with "tuple concurrently updated"
    perform pg_advisory_xact_lock(hashtext('runway.runtime_role_grants'));
    execute format('grant usage on schema %I to %I', owned, runtime);
    for tbl in select tablename from pg_tables
               where schemaname = owned and tablename not in ('audit_entry', '${flyway:table}') loop
        execute format('grant select, insert, update, delete on table %I.%I to %I', owned, tbl, runtime);
    end loop;
    execute format('grant usage, select on all sequences in schema %I to %I', owned, runtime);
    execute format('revoke all on table %I.%I from %I', owned, '${flyway:table}', runtime);
    execute format('revoke all on table %I.audit_entry from %I', owned, runtime);
    execute format('grant select, insert on table %I.audit_entry to %I', owned, runtime);
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to %I',
        owned, runtime);
    execute format('alter default privileges in schema %I grant usage, select on sequences to %I', owned, runtime);
end
$$;
