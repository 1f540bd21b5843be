-- Who made an audited change: besides the caller's subject (actor), the caller's organization (null for a platform
-- admin and for task steps). org_id stays the organization the changed resource belongs to.
alter table audit_log add column actor_org_id uuid;

-- API keys of an organization. The key itself (cw_<prefix>_<secret>) is shown once, at creation; only its SHA-256
-- (hex) is stored. prefix identifies the key in listings and logs and finds the row on verification.
create table api_key (
    id           uuid          primary key,
    org_id       uuid          not null references organization (id),
    name         varchar(100)  not null,
    role         varchar(16)   not null,
    prefix       char(8)       not null unique,
    key_hash     char(64)      not null,
    created_at   timestamptz   not null,
    created_by   varchar(100)  not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    constraint api_key_role_check check (role in ('VIEWER', 'OPERATOR', 'ORG_ADMIN'))
);
create index api_key_org_idx on api_key (org_id, created_at);
