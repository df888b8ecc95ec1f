-- Inbound webhook deliveries, one row per delivery Runway answered. The row of an accepted delivery
-- is written BEFORE the workflow is signalled, so a concurrent or later redelivery (even after a
-- restart) finds it and is answered as a duplicate without a second signal. Rows with a bad
-- signature (and the duplicates themselves) are the audit of what was refused; they never claim a
-- delivery id, so a forged request cannot block the genuine one.
create table webhook_delivery (
    id             bigserial   primary key,
    source         text        not null,  -- jira | servicenow | mlflow | monitoring
    delivery_id    text,                  -- the sender's id (header), else one derived from the body
    received_at    timestamptz not null default now(),
    processed_at   timestamptz,           -- null while RECEIVED: claimed, signals not yet sent
    verdict        text        not null,  -- RECEIVED, ACCEPTED, DUPLICATE, UNMATCHED, IGNORED, REJECTED_SIGNATURE
    initiative_key text,
    detail         text
);
create unique index webhook_delivery_claim_idx on webhook_delivery (source, delivery_id)
    where verdict not in ('REJECTED_SIGNATURE', 'DUPLICATE');
create index webhook_delivery_verdict_idx on webhook_delivery (verdict, source, received_at desc);
