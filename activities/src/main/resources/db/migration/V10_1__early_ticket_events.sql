-- A ticket event can arrive before Runway knows which gate holds the ticket: the vendor's webhook may
-- beat the answer to Runway's own create. Such a delivery is recorded UNMATCHED with what it said
-- (the payload's ticket identifiers, the status, who resolved it), and applied (then ACCEPTED) as soon
-- as a gate adopts one of those tickets, instead of being lost.
alter table webhook_delivery add column ticket_ids    text[];
alter table webhook_delivery add column ticket_status text;
alter table webhook_delivery add column ticket_actor  text;
create index webhook_delivery_early_ticket_idx on webhook_delivery (received_at)
    where verdict = 'UNMATCHED' and ticket_ids is not null;
