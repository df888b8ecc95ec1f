-- Inbox filters a console user saved under a name, to apply again with one click. Written by the
-- web console only (not by the projection); a user sees and replaces only their own.
create table console_saved_filter (
    username        text        not null,
    name            text        not null,
    candidate_group text,
    overdue         boolean     not null default false,
    due_within_days int,
    risk_tier       text,
    saved_at        timestamptz not null default now(),
    primary key (username, name)
);
