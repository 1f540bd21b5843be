-- Rules, alerts and the notification outbox of the alert service (schema "alert", created by Flyway).

create table rule (
    id          uuid primary key,
    org_id      uuid        not null,
    chain_id    uuid        not null,
    type        text        not null,
    for_seconds integer     not null check (for_seconds between 1 and 86400),
    severity    text        not null,
    email_to    jsonb       not null,  -- JSON array of e-mail addresses
    enabled     boolean     not null default true,
    created_at  timestamptz not null default now()
);
create index rule_org_idx on rule (org_id);

-- One row per fingerprint = stable hash of (rule id, chain id, node id); a re-fire reopens the row.
create table alert (
    fingerprint text primary key,
    rule_id     uuid        not null,
    rule_type   text        not null,
    severity    text        not null,
    org_id      uuid        not null,
    chain_id    uuid        not null,
    node_id     text,                  -- null for chain-level alerts
    status      text        not null check (status in ('FIRING', 'RESOLVED')),
    started_at  timestamptz not null,
    resolved_at timestamptz,
    summary     text        not null,
    updated_at  timestamptz not null
);
create index alert_org_status_idx on alert (org_id, status);
create index alert_status_idx on alert (status);

create table notification_outbox (
    id               bigserial primary key,
    fingerprint      text        not null,
    transition       text        not null check (transition in ('FIRING', 'RESOLVED')),
    alert_started_at timestamptz not null,  -- which firing of the fingerprint this belongs to
    channel          text        not null default 'email',
    recipient        text        not null,
    subject          text        not null,
    body             text        not null,
    created_at       timestamptz not null default now(),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz,           -- null once sent or given up
    sent_at          timestamptz,
    last_error       text,
    constraint notification_outbox_once unique (fingerprint, transition, alert_started_at, channel, recipient)
);
create index notification_outbox_due_idx on notification_outbox (next_attempt_at) where sent_at is null;
