-- Provisioning and reconciliation (issue 18).

-- A monitored chain that runs on a registered platform: the platform's own ids of its network and chain. Written by
-- the provisioning task's "monitor" step; walked by reconciliation. One row per chain.
create table platform_chain (
    chain_id          uuid          primary key references chain (id),
    platform_id       uuid          not null references platform (id),
    business_chain_id uuid          references business_chain (id),
    network_id        varchar(200),
    external_chain_id varchar(200)  not null,
    task_id           uuid,
    created_at        timestamptz   not null,
    constraint platform_chain_external_key unique (platform_id, external_chain_id)
);
create index platform_chain_business_chain_idx on platform_chain (business_chain_id);

-- What a provisioning step created on the platform (a network id, a chain id), for the later steps and for the
-- rollback. Written in the step's transaction, so it commits with the step's DONE mark.
create table provisioning_output (
    task_id  uuid          not null references task (id),
    name     varchar(300)  not null,
    value    varchar(2048) not null,
    primary key (task_id, name)
);

-- A node the platform no longer runs: kept (history, audit, samples refer to it) but no longer published to the
-- collectors (a tombstone went out when it was retired). Null: the node is monitored.
alter table node add column retired_at timestamptz;
alter table node add column retired_reason varchar(300);

-- One reconciliation of a platform: what it found different and what was done about it.
-- status: OK (every chain answered), UNREACHABLE (the platform did not answer; nothing changed).
create table reconciliation_run (
    id          uuid         primary key,
    platform_id uuid         not null references platform (id),
    org_id      uuid         not null references organization (id),
    trigger     varchar(16)  not null,
    status      varchar(16)  not null,
    error       text,
    differences jsonb        not null,
    started_at  timestamptz  not null,
    finished_at timestamptz  not null,
    constraint reconciliation_run_status_check check (status in ('OK', 'UNREACHABLE')),
    constraint reconciliation_run_trigger_check check (trigger in ('SCHEDULE', 'REQUEST'))
);
create index reconciliation_run_platform_idx on reconciliation_run (platform_id, started_at desc);
