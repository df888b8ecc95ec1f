-- Value realization (issue 13): KPI and cost actuals with their corrections, value-review decisions,
-- and the workflow's value summary per initiative. Written only by the value projection, idempotent
-- by (workflow_id, seq); the workflow is the source of truth. Corrections are new rows: the current
-- figure of a KPI and month is the row with the highest seq, the older rows are its history.

create table value_summary (
    workflow_id    text primary key,
    initiative_key text        not null unique,
    last_seq       bigint      not null,
    went_live_at   timestamptz,
    next_review_at timestamptz,
    serving        text        not null,
    at_risk        boolean     not null,
    summary        jsonb       not null  -- the whole ValueSummary as the workflow last projected it
);

create table kpi_actual (
    workflow_id    text             not null,
    seq            bigint           not null,
    initiative_key text             not null,
    kpi            text             not null,
    period         text             not null,  -- YYYY-MM
    value          double precision not null,
    source         text             not null,  -- manual | api | mlflow
    note           text,
    pilot          boolean          not null,  -- recorded before go-live
    recorded_by    text             not null,
    recorded_at    timestamptz      not null,
    primary key (workflow_id, seq)
);
create index kpi_actual_period_idx on kpi_actual (workflow_id, kpi, period, seq desc);

create table cost_actual (
    workflow_id    text          not null,
    seq            bigint        not null,
    initiative_key text          not null,
    period         text          not null,
    amount         numeric(19,4) not null,
    currency       text          not null,
    breakdown      jsonb         not null default '{}',
    note           text,
    pilot          boolean       not null,
    recorded_by    text          not null,
    recorded_at    timestamptz   not null,
    primary key (workflow_id, seq)
);
create index cost_actual_period_idx on cost_actual (workflow_id, period, seq desc);

create table value_decision (
    workflow_id    text        not null,
    seq            bigint      not null,
    initiative_key text        not null,
    task_id        text        not null,
    occasion       text        not null,
    decision       text        not null,
    comment        text,
    follow_up_on   date,
    decided_by     text        not null,
    decided_at     timestamptz not null,
    primary key (workflow_id, seq)
);

-- the CRM record carries the latest attainment and value decision
alter table local_crm_record add column latest_attainment double precision;
alter table local_crm_record add column latest_value_decision text;
