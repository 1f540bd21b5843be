-- The state of each organization the registry reported on chainwatch.organizations (OrganizationLifecycle): while
-- deactivated, its alerts are evaluated but announce nothing. No row: active.
create table organization_state (
    org_id      uuid        primary key,
    deactivated boolean     not null,
    changed_at  timestamptz not null
);
