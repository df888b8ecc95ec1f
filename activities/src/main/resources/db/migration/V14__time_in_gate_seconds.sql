-- Time in gate at portfolio scale (issue 12: p99 <= 300 ms at 100k initiatives / 700k gates).
-- The query took percentiles of decided_at - opened_at over every decided gate: an index-only scan,
-- then a sort of 400k rows by team and a second sort per group inside percentile_cont (325 ms).
-- The duration is now a stored column and the last key of the index, so the scan returns each
-- (gate, team) group already in duration order: no sort by team, and percentile_cont's own sort
-- finds its input presorted (72-84 ms unfiltered; 100-127 ms filtered by business unit or tier).
alter table gate add column seconds_in_gate double precision
    generated always as (extract(epoch from decided_at - opened_at)) stored;

create index gate_time_idx on gate (gate, candidate_group, seconds_in_gate) include (workflow_id)
    where status in ('APPROVED', 'REJECTED') and opened_at is not null and decided_at is not null;

drop index gate_decided_idx;
