-- Portfolio queries (funnel, time in gate, stall radar) and the initiative import's job state.
-- The indexes keep the portfolio queries to narrow index scans at 100k initiatives / 1M tasks.

-- Funnel: counts by stage within a business unit / risk tier, read from the index alone.
create index initiative_funnel_idx on initiative (business_unit, risk_tier, stage) include (workflow_id);

-- Funnel: how far a rejected, withdrawn or retired initiative got = the furthest gate it opened.
create index gate_reached_idx on gate (workflow_id) include (gate, status) where opened_at is not null;

-- Time in gate: decided gates by gate and team, with both timestamps in the index.
create index gate_decided_idx on gate (gate, candidate_group) include (opened_at, decided_at, workflow_id)
    where status in ('APPROVED', 'REJECTED') and opened_at is not null and decided_at is not null;

-- Stall radar: the open tasks of the stalled initiatives (a small share of all tasks).
create index task_open_workflow_idx on task (workflow_id) include (gate, candidate_group, assignee)
    where status = 'OPEN';

-- An import: the file is parsed and every row stored here BEFORE the API answers 202, so an
-- acknowledged row is never lost; any api replica can report progress, and one that finds a job
-- whose runner stopped heartbeating (its replica died) takes it over and launches the rest.
create table import_job (
    id             uuid        primary key,
    file_name      text,
    format         text        not null,  -- CSV | JSON
    requested_by   text        not null,
    requester_groups text[]    not null,
    status         text        not null,  -- RUNNING | DONE | FAILED
    started_at     timestamptz not null,
    finished_at    timestamptz,
    heartbeat_at   timestamptz not null,
    runner         text                   -- the replica launching its rows now
);
create index import_job_running_idx on import_job (heartbeat_at) where status = 'RUNNING';

create table import_row (
    job_id  uuid    not null references import_job (id) on delete cascade,
    row_no  int     not null,              -- the row number a person sees (CSV: spreadsheet row, header = 1)
    key     text,
    payload jsonb,                         -- the launch body; null for a row that failed to parse
    status  text    not null,              -- PENDING | LAUNCHED | ALREADY_PRESENT | FAILED
    message text,
    primary key (job_id, row_no)
);
create index import_row_pending_idx on import_row (job_id, row_no) where status = 'PENDING';
