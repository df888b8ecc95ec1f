-- The write ledger of the vendor adapters (Jira, ServiceNow): one row per request key that Runway
-- writes to a vendor. It serves two purposes.
--  * A lease: only the attempt holding it (holder, until lease_until, about the attempt's own
--    timeout) may write for that key, so an abandoned attempt and its successor never write at once.
--  * A consistent route: record_id is the vendor's id of the record once an attempt knows it, and
--    create_sent_at marks a create whose answer was lost; the next attempt then reads the record by
--    its id, or waits out the vendor's search lag from that moment before it may create again.
create table vendor_write (
    system         text        not null,  -- the vendor: Jira | ServiceNow
    request_key    text        not null,  -- the workflow's deterministic key of the write
    holder         text,                  -- the attempt that holds the lease (a random token), null when free
    lease_until    timestamptz,
    create_sent_at timestamptz,           -- a create was sent and its answer not yet seen
    record_id      text,                  -- the vendor's id of the record the key made
    updated_at     timestamptz not null default now(),
    primary key (system, request_key)
);
