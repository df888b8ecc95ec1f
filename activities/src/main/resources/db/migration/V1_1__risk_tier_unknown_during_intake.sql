-- An initiative can be launched before it is classified: intake then opens a task for the program
-- office to supply the tier, and the read model must be able to show that initiative (and its
-- intake task) meanwhile. V1 required a tier, so projecting such an initiative failed and retried forever.
-- Numbered 1.1 so it cannot collide with a V2 another branch may add.
alter table initiative alter column risk_tier drop not null;
alter table task alter column risk_tier drop not null;
