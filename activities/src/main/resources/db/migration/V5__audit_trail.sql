-- The audit trail: one row per command, decision, authorization denial and webhook verdict, in the
-- order Runway answered them. Append-only for the application: its runtime role (Runway's
-- RUNWAY_DB_USER) may INSERT and SELECT here and nothing else; afterMigrate__runtime_role_grants.sql,
-- run as the schema owner (RUNWAY_DB_MIGRATION_USER) after every migration, grants exactly that.
--
-- Hash chain: hash = SHA-256(prev_hash || canonical form of the row), prev_hash = the hash of the
-- row before (64 zeros for seq 1). The canonical form is written out in the README ("Audit trail")
-- and in io.runway.worker.audit.CanonicalForm; any change to a stored row breaks the chain at that row.
create table audit_entry (
    seq            bigint      primary key check (seq > 0),
    occurred_at    timestamptz not null,            -- when Runway answered, UTC, microseconds
    actor          text        not null,            -- username, webhook:<source>, or anonymous
    actor_roles    text        not null,            -- the actor's Runway groups, sorted, comma-separated
    source_address text,                            -- the request's remote address
    initiative_key text,                            -- comma-separated when one webhook concerns several
    action         text        not null,            -- e.g. POST /api/v1/tasks/{id}/complete
    outcome        text        not null,            -- ACCEPTED, FORBIDDEN, ... or a webhook verdict
    http_status    int,
    detail         text,
    prev_hash      text        not null check (prev_hash ~ '^[0-9a-f]{64}$'),
    hash           text        not null unique check (hash ~ '^[0-9a-f]{64}$')
);
create index audit_entry_initiative_idx on audit_entry using gin (string_to_array(initiative_key, ','));
create index audit_entry_time_idx on audit_entry (occurred_at);

-- Gapless and never forked, whoever inserts: a new row must be the head's successor and link to its
-- hash. Appenders serialise on an advisory lock (AuditTrail); one that does not still cannot fork the
-- chain, because two rows with the same seq violate the primary key.
create function audit_entry_extends_head() returns trigger language plpgsql as $$
declare
    head_seq  bigint;
    head_hash text;
begin
    select seq, hash into head_seq, head_hash from audit_entry order by seq desc limit 1;
    if new.seq <> coalesce(head_seq, 0) + 1 then
        raise exception 'audit_entry % does not follow the head % of the chain', new.seq, coalesce(head_seq, 0)
            using errcode = 'integrity_constraint_violation';
    end if;
    if new.prev_hash <> coalesce(head_hash, repeat('0', 64)) then
        raise exception 'audit_entry % does not link to the hash of entry %', new.seq, coalesce(head_seq, 0)
            using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end
$$;
create trigger audit_entry_extends_head before insert on audit_entry
    for each row execute function audit_entry_extends_head();
