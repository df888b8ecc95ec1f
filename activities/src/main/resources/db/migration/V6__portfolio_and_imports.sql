-- Portfolio queries (funnel, time in gate, stall radar) and the initiative import's job state.
-- The indexes keep the portfolio queries to narrow index scans at 100k initiatives / 1M tasks.

-- Funnel: the furthest stage each initiative ever reached (1 = INTAKE ... 9 = IN_PRODUCTION), so a
-- rejected or withdrawn initiative still counts for the gates it got to. Looking that up in gate for
-- every ended initiative on each funnel request cost ~20k index probes at 100k initiatives; instead a
-- trigger keeps it on the initiative row as gates open. It writes only when the rank grows (a gate
-- opening further than before), so re-projecting unchanged gates costs one index probe per gate row.
alter table initiative add column furthest_stage_rank int;

create function gate_reached_rank(gate text, status text) returns int language sql immutable as $$
  select case when gate = 'RECERTIFICATION' or (gate = 'OPERATIONS_HANDOVER' and status = 'APPROVED') then 9
              else array_position(array['INTAKE', 'SECURITY_REVIEW', 'LEGAL_REVIEW', 'DATA_READINESS', 'INTEGRATION',
                                         'HITL_VALIDATION', 'GO_LIVE_DECISION', 'OPERATIONS_HANDOVER', 'IN_PRODUCTION'], gate)
         end
$$;

create function initiative_reached_gate() returns trigger language plpgsql as $$
begin
  if new.opened_at is not null then
    update initiative set furthest_stage_rank = gate_reached_rank(new.gate, new.status)
     where workflow_id = new.workflow_id
       and coalesce(furthest_stage_rank, 0) < gate_reached_rank(new.gate, new.status);
  end if;
  return null;
end
$$;

create trigger gate_reached after insert or update of opened_at, status on gate
    for each row execute function initiative_reached_gate();

update initiative i set furthest_stage_rank = r.rank
  from (select workflow_id, max(gate_reached_rank(gate, status)) as rank from gate where opened_at is not null
        group by workflow_id) r
 where r.workflow_id = i.workflow_id;

-- Funnel: counts by stage and furthest stage within a business unit / risk tier, from the index alone.
create index initiative_funnel_idx on initiative (business_unit, risk_tier, stage) include (furthest_stage_rank);

-- Inbox and stall radar: the open tasks (about 5 % of all tasks), soonest due first, with what the
-- default inbox filters on (group, named users, assignee) and what the stall radar joins on (workflow,
-- gate), so the inbox's first page reads a few entries, its count and the radar's join no table.
-- One index on purpose: a second, narrower partial index on open tasks lured the planner into
-- counting the inbox through the table (1.3 s at 1M tasks instead of 45 ms).
create index task_open_due_idx on task (due_at, id)
    include (candidate_group, candidate_users, assignee, workflow_id, gate) where status = 'OPEN';

-- Time in gate: decided gates by gate and team, with both timestamps in the index.
create index gate_decided_idx on gate (gate, candidate_group) include (opened_at, decided_at, workflow_id)
    where status in ('APPROVED', 'REJECTED') and opened_at is not null and decided_at is not null;


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
