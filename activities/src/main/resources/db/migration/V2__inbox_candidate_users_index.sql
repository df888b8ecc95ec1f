-- The default inbox shows a user their groups' tasks and the tasks naming them (findings tasks go
-- to an initiative's owners by name); this index lets the second half of that OR use an index too.
create index task_candidate_users_idx on task using gin (candidate_users);
