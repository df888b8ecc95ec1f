-- Which channel has delivered which outbox notification, so a retried send skips the channels
-- that already got through (mail and chat have no idempotency key of their own).
create table notification_delivery (
    request_key  text        not null references notification_outbox (request_key) on delete cascade,
    channel      text        not null,
    delivered_at timestamptz not null default now(),
    primary key (request_key, channel)
);
