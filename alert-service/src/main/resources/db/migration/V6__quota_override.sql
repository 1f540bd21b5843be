-- Quotas per organization: a platform admin's overrides of the configured defaults (chainwatch.alert.quotas.*,
-- chainwatch.alert.sms.per-hour). A missing row means the default.
create table quota_override (
    org_id     uuid        not null,
    name       text        not null,  -- rules, receivers, recipients-per-rule, sms-per-hour
    value      bigint      not null check (value >= 0),
    updated_at timestamptz not null default now(),
    updated_by text        not null,
    primary key (org_id, name)
);
