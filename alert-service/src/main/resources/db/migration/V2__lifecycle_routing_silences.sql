-- Issue 4: the full alert lifecycle (acknowledged), alert history, grouped notifications through an event log,
-- receivers per organization, silences / maintenance windows, and an idempotency key per delivery.

-- Alerts: acknowledged is a firing alert someone has taken; names for messages and metrics; notification state.
alter table alert drop constraint alert_status_check;
alter table alert add constraint alert_status_check check (status in ('FIRING', 'ACKNOWLEDGED', 'RESOLVED'));
alter table alert
    add column acknowledged_at  timestamptz,
    add column acknowledged_by  text,
    add column org_name         text,
    add column chain_name       text,
    add column node_name        text,
    add column notified         boolean not null default true,  -- was the current firing announced (not silenced)?
    add column last_notified_at timestamptz,                     -- last FIRING / REPEAT announcement
    add column escalation_level integer not null default 0;      -- receivers' level reached by escalation

-- History: one row per firing episode of a fingerprint (the alert row itself is reused on re-fire).
create table alert_history (
    fingerprint     text        not null,
    started_at      timestamptz not null,
    rule_id         uuid        not null,
    rule_type       text        not null,
    severity        text        not null,
    org_id          uuid        not null,
    chain_id        uuid        not null,
    node_id         text,
    org_name        text,
    chain_name      text,
    node_name       text,
    acknowledged_at timestamptz,
    acknowledged_by text,
    resolved_at     timestamptz,
    summary         text        not null,
    primary key (fingerprint, started_at)
);
create index alert_history_org_idx on alert_history (org_id, started_at);

-- Event log: every transition (and repeat / escalation) waits here, written in the transition's transaction,
-- until the notification planner groups it into messages (in one transaction with the outbox rows).
create table alert_event (
    id           bigserial primary key,
    fingerprint  text        not null,
    kind         text        not null check (kind in ('FIRING', 'RESOLVED', 'REPEAT', 'ESCALATION')),
    group_key    text        not null,  -- org | chain | rule | kind: one message per group per group window
    level        integer     not null default 0,  -- receivers' escalation level addressed
    payload      jsonb       not null,  -- the AlertEvent as JSON
    created_at   timestamptz not null default now(),
    planned_at   timestamptz            -- null until grouped into messages (or dropped as suppressed)
);
create index alert_event_unplanned_idx on alert_event (group_key, id) where planned_at is null;

-- When each group last produced a message (the group interval counts from here).
create table notification_group (
    group_key      text primary key,
    last_flush_at  timestamptz not null
);

-- Receivers and routing per organization.
create table receiver (
    id               uuid primary key,
    org_id           uuid        not null,
    name             text        not null,
    channel          text        not null,  -- email, sms, webhook, dingtalk, wecom, slack
    address          text        not null,  -- e-mail address, phone number or URL
    locale           text        not null default 'en',
    secret           text,                  -- webhook signing secret
    severities       jsonb       not null default '[]',  -- empty: all
    rule_types       jsonb       not null default '[]',  -- empty: all
    escalation_level integer     not null default 0,
    enabled          boolean     not null default true,
    created_at       timestamptz not null default now(),
    unique (org_id, name)
);

-- Silences (kind silence) and maintenance windows (kind maintenance): matchers on alert labels and a time window.
create table silence (
    id         uuid primary key,
    org_id     uuid        not null,
    kind       text        not null check (kind in ('silence', 'maintenance')),
    matchers   jsonb       not null,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    comment    text,
    created_by text,
    created_at timestamptz not null default now(),
    check (ends_at > starts_at)
);
create index silence_org_idx on silence (org_id, ends_at);

-- Outbox: any channel, an HTML alternative, the receiver, and the idempotency key (message, receiver).
alter table notification_outbox drop constraint notification_outbox_transition_check;
alter table notification_outbox
    add column html            text,
    add column receiver_id     uuid,
    add column idempotency_key text;
update notification_outbox
   set idempotency_key = md5(fingerprint || '|' || transition || '|' || alert_started_at || '|' || channel || '|' || recipient);
alter table notification_outbox alter column idempotency_key set not null;
alter table notification_outbox drop constraint notification_outbox_once;
alter table notification_outbox add constraint notification_outbox_key unique (idempotency_key);

-- Rules: more types, scope, templates and per-rule settings live in a JSON document next to the old columns.
alter table rule add column spec jsonb;
alter table rule alter column email_to set default '[]';

-- Pending conditions (holding, not yet for forSeconds), so a restart or a takeover does not start the count over.
create table pending_condition (
    fingerprint text        primary key,
    chain_id    text        not null,
    node_id     text,
    since       timestamptz not null,
    updated_at  timestamptz not null default now()
);
