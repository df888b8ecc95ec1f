-- Runway read model: written only by the projection activity (idempotent by workflow id + seq),
-- read by the API and the console. The workflow history in Temporal is the source of truth.

create table initiative (
    key              text primary key,
    workflow_id      text        not null unique,
    name             text,
    business_unit    text,
    risk_tier        text        not null,
    stage            text        not null,
    policy_version   text,
    owner_business   text,
    owner_technical  text,
    owner_operations text,
    sponsor          text,
    launched_by      text,
    launched_at      timestamptz,
    last_progress_at timestamptz,
    model_name       text,
    model_version    text,
    outcome_reason   text,
    last_seq         bigint      not null,
    updated_at       timestamptz not null default now(),
    view             jsonb       not null -- the whole InitiativeView as the workflow last projected it
);
create index initiative_stage_idx on initiative (stage, risk_tier);
create index initiative_progress_idx on initiative (last_progress_at) where stage not in ('RETIRED', 'REJECTED', 'WITHDRAWN');

create table gate (
    workflow_id     text not null references initiative (workflow_id),
    gate            text not null,
    status          text not null,
    candidate_group text,
    round           int  not null,
    opened_at       timestamptz,
    decided_at      timestamptz,
    decided_by      text[] not null default '{}',
    due_at          timestamptz,
    ticket_system   text,
    ticket_id       text,
    ticket_url      text,
    primary key (workflow_id, gate)
);

create table task (
    id                 text primary key,
    workflow_id        text        not null references initiative (workflow_id),
    initiative_key     text        not null,
    gate               text,
    kind               text        not null,
    round              int         not null,
    candidate_group    text        not null,
    candidate_users    text[]      not null default '{}',
    status             text        not null,
    assignee           text,
    risk_tier          text        not null,
    created_at         timestamptz not null,
    due_at             timestamptz,
    completed_at       timestamptz,
    decision           text,
    decided_by         text,
    escalation_level   int         not null default 0,
    required_evidence  text[]      not null default '{}',
    view               jsonb       not null -- the whole TaskView
);
-- the inbox: open tasks of a group, soonest due first
create index task_inbox_idx on task (candidate_group, status, due_at);
create index task_assignee_idx on task (assignee, status, due_at);
create index task_workflow_idx on task (workflow_id);

create table evidence (
    workflow_id text        not null references initiative (workflow_id),
    id          text        not null,
    gate        text,
    kind        text        not null,
    title       text        not null,
    uri         text        not null,
    sha256      text,
    added_by    text        not null,
    added_at    timestamptz not null,
    primary key (workflow_id, id)
);

create table timeline (
    workflow_id text        not null,
    seq         bigint      not null,
    at          timestamptz not null,
    type        text        not null,
    gate        text,
    actor       text,
    detail      text,
    primary key (workflow_id, seq)
);

-- launch commands as the API acknowledged them: idempotency by key, and nothing acknowledged is lost
create table launch_request (
    key          text primary key,
    payload_hash text        not null,
    payload      jsonb       not null,
    launched_by  text        not null,
    accepted_at  timestamptz not null
);

-- built-in local adapters: the systems of record when no external one is configured
create table local_ticket (
    id             text primary key,
    request_key    text        not null unique,
    initiative_key text        not null,
    gate           text,
    summary        text        not null,
    description    text,
    labels         text[]      not null default '{}',
    status         text        not null,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create sequence local_ticket_seq;
create index local_ticket_initiative_idx on local_ticket (initiative_key);

create table local_ticket_comment (
    request_key text primary key,
    ticket_id   text        not null references local_ticket (id),
    body        text        not null,
    created_at  timestamptz not null default now()
);

create table local_crm_record (
    external_id   text primary key,
    crm_id        text        not null unique,
    name          text,
    business_unit text,
    stage         text        not null,
    risk_tier     text,
    owners        jsonb,
    sponsor       text,
    go_live_date  text,
    updated_at    timestamptz not null default now()
);

create table local_model_version (
    model_name text  not null,
    version    text  not null,
    metrics    jsonb not null default '{}',
    tags       jsonb not null default '{}',
    created_at timestamptz not null default now(),
    primary key (model_name, version)
);

create table local_model_alias (
    model_name text not null,
    alias      text not null,
    version    text not null,
    updated_at timestamptz not null default now(),
    primary key (model_name, alias)
);

create table notification_outbox (
    request_key    text primary key,
    kind           text        not null,
    initiative_key text,
    task_id        text,
    recipients     text[]      not null,
    subject        text        not null,
    body           text,
    created_at     timestamptz not null default now()
);
