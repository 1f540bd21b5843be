-- Quotas per organization: a platform admin's overrides of the configured defaults (chainwatch.registry.quotas.*).
-- A missing row means the default.
create table quota_override (
    org_id     uuid        not null references organization (id) on delete cascade,
    name       text        not null,  -- chains, nodes, min-poll-interval-ms, api-keys
    value      bigint      not null check (value >= 0),
    updated_at timestamptz not null default now(),
    updated_by text        not null,
    primary key (org_id, name)
);
