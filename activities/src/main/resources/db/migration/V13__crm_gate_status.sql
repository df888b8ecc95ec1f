-- The local CRM record carries the gate status beside the stage (every gate transition upserts it),
-- e.g. 'SECURITY_REVIEW APPROVED, LEGAL_REVIEW OPEN, DATA_READINESS PENDING'. Null on records written
-- before, until their initiative's next transition.
alter table local_crm_record add column gate_status text;
