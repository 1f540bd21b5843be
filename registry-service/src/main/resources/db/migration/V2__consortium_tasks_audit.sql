-- Consortium management (user categories, resource spaces, alliances, business chains, blockchains),
-- encrypted secrets, the audit log, durable tasks with their steps and log, notifications, and the
-- db-scheduler table that drives task executions. Flyway runs this with default schema "registry".

-- Organizations: user category and an optional external code. Existing rows are cloud users.
alter table organization add column category varchar(16) not null default 'CLOUD';
alter table organization add constraint organization_category_check check (category in ('CLOUD', 'OFF_CLOUD'));
alter table organization add column org_code varchar(64);
alter table organization add constraint organization_org_code_key unique (org_code);
alter table organization add column updated_at timestamptz;

-- Nodes: updates bump the version and updated_at.
alter table node add column updated_at timestamptz;

-- One row per secret value (access key, secret key, token, private key), AES-GCM encrypted. key_id names the
-- data key that encrypted it, so keys can be rotated: rows under an old key are re-encrypted under the
-- active one. fingerprint is shown by the API instead of the value.
create table secret (
    id          uuid         primary key,
    org_id      uuid         not null references organization (id),
    purpose     varchar(32)  not null,
    key_id      varchar(64)  not null,
    ciphertext  bytea        not null,
    fingerprint varchar(80)  not null,
    created_at  timestamptz  not null,
    rotated_at  timestamptz
);
create index secret_key_id_idx on secret (key_id);

-- The resource space of an organization: a cloud tenant space or a physical resource set. One per
-- organization, and one organization per space: a tenant/project or a host:port cannot be bound twice.
create table resource_space (
    id                   uuid         primary key,
    org_id               uuid         not null references organization (id),
    kind                 varchar(16)  not null,
    tenant_id            varchar(128),
    tenant_name          varchar(200),
    project_id           varchar(128),
    project_name         varchar(200),
    access_key_secret_id uuid         references secret (id),
    secret_key_secret_id uuid         references secret (id),
    token_secret_id      uuid         references secret (id),
    created_at           timestamptz  not null,
    constraint resource_space_org_key unique (org_id),
    constraint resource_space_kind_check check (kind in ('TENANT', 'PHYSICAL')),
    constraint resource_space_tenant_check check (kind <> 'TENANT' or (tenant_id is not null and project_id is not null)),
    constraint resource_space_tenant_project_key unique (tenant_id, project_id)
);

create table resource_space_node (
    id                uuid          primary key,
    resource_space_id uuid          not null references resource_space (id) on delete cascade,
    position          int           not null,
    host              varchar(253)  not null,
    port              int           not null,
    tls_certificate   text,
    constraint resource_space_node_port_check check (port between 1 and 65535),
    constraint resource_space_node_host_port_key unique (host, port)
);
create index resource_space_node_space_idx on resource_space_node (resource_space_id);

-- Alliances (consortia) and their members. status: CREATING while its create task runs, ACTIVE, DELETED.
create table alliance (
    id             uuid         primary key,
    union_id       varchar(64)  not null,
    name           varchar(100) not null,
    platform       varchar(32)  not null,
    creator_org_id uuid         not null references organization (id),
    status         varchar(16)  not null,
    created_at     timestamptz  not null,
    updated_at     timestamptz,
    version        bigint       not null default 1,
    constraint alliance_union_id_key unique (union_id),
    constraint alliance_name_key unique (name),
    constraint alliance_status_check check (status in ('CREATING', 'ACTIVE', 'DELETED'))
);
create index alliance_creator_idx on alliance (creator_org_id);

-- role CREATOR or MEMBER; status INVITED (waiting for the organization to accept) or ACTIVE.
create table alliance_member (
    alliance_id uuid        not null references alliance (id),
    org_id      uuid        not null references organization (id),
    role        varchar(16) not null,
    status      varchar(16) not null,
    since       timestamptz not null,
    primary key (alliance_id, org_id),
    constraint alliance_member_role_check check (role in ('CREATOR', 'MEMBER')),
    constraint alliance_member_status_check check (status in ('INVITED', 'ACTIVE'))
);
create index alliance_member_org_idx on alliance_member (org_id);

-- Business chains of an alliance; owner_org_id is the member that created it.
create table business_chain (
    id           uuid         primary key,
    alliance_id  uuid         not null references alliance (id),
    owner_org_id uuid         not null references organization (id),
    name         varchar(100) not null,
    create_mode  varchar(32)  not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz,
    version      bigint       not null default 1,
    constraint business_chain_alliance_name_key unique (alliance_id, name),
    constraint business_chain_mode_check
        check (create_mode in ('MULTI_SUBCHAIN_SHARED_NODES', 'ISOLATED_SINGLE_CHAINS', 'PRIVATE_CHAIN'))
);
create index business_chain_owner_idx on business_chain (owner_org_id);

create table business_chain_member (
    business_chain_id uuid not null references business_chain (id) on delete cascade,
    org_id            uuid not null references organization (id),
    primary key (business_chain_id, org_id)
);
create index business_chain_member_org_idx on business_chain_member (org_id);

-- Blockchains (ledgers) of a business chain, as the platform knows them (external_id), with their specs.
create table blockchain (
    id                uuid         primary key,
    business_chain_id uuid         not null references business_chain (id),
    owner_org_id      uuid         not null references organization (id),
    name              varchar(100) not null,
    external_id       varchar(200),
    cloud_type        varchar(32)  not null,
    extra_info        jsonb        not null default '{}'::jsonb,
    infra_spec        jsonb        not null default '{}'::jsonb,
    block_spec        jsonb        not null default '{}'::jsonb,
    created_at        timestamptz  not null,
    updated_at        timestamptz,
    version           bigint       not null default 1,
    constraint blockchain_business_chain_name_key unique (business_chain_id, name)
);
create index blockchain_owner_idx on blockchain (owner_org_id);

create table blockchain_org (
    blockchain_id uuid not null references blockchain (id) on delete cascade,
    org_id        uuid not null references organization (id),
    primary key (blockchain_id, org_id)
);

-- Every mutating call: who, which organization, what, before/after (never secrets), when.
create table audit_log (
    id            bigint        generated always as identity primary key,
    at            timestamptz   not null,
    actor         varchar(100)  not null,
    org_id        uuid,
    action        varchar(64)   not null,
    resource_type varchar(32)   not null,
    resource_id   varchar(64)   not null,
    before_state  jsonb,
    after_state   jsonb
);
create index audit_log_org_at_idx on audit_log (org_id, at);
create index audit_log_resource_idx on audit_log (resource_type, resource_id);
create index audit_log_at_idx on audit_log (at);

-- Durable tasks: a request becomes a task of steps. Steps with the same stage run in parallel; stages run in
-- order. status: PENDING, RUNNING, WAITING (for approvals), SUCCEEDED, FAILED (rolled back).
create table task (
    id           uuid          primary key,
    type         varchar(64)   not null,
    org_id       uuid          references organization (id),
    actor        varchar(100)  not null,
    resource_id  uuid,
    status       varchar(16)   not null,
    input        jsonb         not null,
    current_step varchar(64),
    error        text,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    finished_at  timestamptz,
    constraint task_status_check check (status in ('PENDING', 'RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED'))
);
create index task_org_created_idx on task (org_id, created_at);
create index task_open_idx on task (status) where status in ('PENDING', 'RUNNING', 'WAITING');

-- status: PENDING, RUNNING, WAITING, DONE, FAILED, COMPENSATED. An effect and its DONE mark commit together.
create table task_step (
    task_id     uuid         not null references task (id) on delete cascade,
    seq         int          not null,
    stage       int          not null,
    name        varchar(64)  not null,
    param       varchar(200),
    status      varchar(16)  not null,
    attempts    int          not null default 0,
    started_at  timestamptz,
    finished_at timestamptz,
    primary key (task_id, seq),
    constraint task_step_status_check
        check (status in ('PENDING', 'RUNNING', 'WAITING', 'DONE', 'FAILED', 'COMPENSATED'))
);

create table task_log (
    id      bigint       generated always as identity primary key,
    task_id uuid         not null references task (id) on delete cascade,
    at      timestamptz  not null,
    level   varchar(8)   not null,
    message text         not null
);
create index task_log_task_idx on task_log (task_id, id);

-- Decisions of alliance members on a join request task.
create table task_approval (
    task_id    uuid         not null references task (id) on delete cascade,
    org_id     uuid         not null references organization (id),
    decision   varchar(16)  not null,
    actor      varchar(100) not null,
    decided_at timestamptz  not null,
    primary key (task_id, org_id),
    constraint task_approval_decision_check check (decision in ('APPROVE', 'REJECT'))
);

-- Notifications to organizations (pending approvals, invitations); mailed later by a dispatcher.
create table notification (
    id          uuid          primary key,
    org_id      uuid          not null references organization (id),
    email       varchar(254)  not null,
    kind        varchar(32)   not null,
    task_id     uuid          references task (id) on delete set null,
    alliance_id uuid          references alliance (id),
    subject     varchar(300)  not null,
    body        text          not null,
    created_at  timestamptz   not null,
    sent_at     timestamptz
);
create index notification_org_idx on notification (org_id, created_at);

-- db-scheduler's executions table (layout of db-scheduler 16.x for PostgreSQL).
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- Heterogeneous platforms: a BaaS management API registered with its OpenAPI 3 document and a mapping template
-- onto the standard interface. status: REGISTERING (its validation task runs), ACTIVE, REJECTED (reason given).
create table platform (
    id                 uuid          primary key,
    org_id             uuid          not null references organization (id),
    name               varchar(100)  not null,
    base_url           varchar(2048) not null,
    auth_type          varchar(16)   not null,
    token_secret_id    uuid          references secret (id),
    access_key_secret_id uuid        references secret (id),
    secret_key_secret_id uuid        references secret (id),
    tls_certificate    text,
    tls_key_secret_id  uuid          references secret (id),
    tls_ca_certificate text,
    openapi            text          not null,
    template           jsonb         not null,
    status             varchar(16)   not null,
    reason             text,
    created_at         timestamptz   not null,
    updated_at         timestamptz,
    version            bigint        not null default 1,
    constraint platform_org_name_key unique (org_id, name),
    constraint platform_auth_type_check check (auth_type in ('NONE', 'TOKEN', 'AK_SK', 'TLS_CLIENT_CERT')),
    constraint platform_status_check check (status in ('REGISTERING', 'ACTIVE', 'REJECTED'))
);

-- Contracts deployed through the registry on ETHEREUM chains: ABI kept for view calls; the deployer's private key
-- as an encrypted secret.
create table contract (
    id                     uuid          primary key,
    chain_id               uuid          not null references chain (id),
    org_id                 uuid          not null references organization (id),
    name                   varchar(100)  not null,
    address                varchar(42)   not null,
    abi                    jsonb         not null,
    tx_hash                varchar(66)   not null,
    deployer               varchar(42)   not null,
    deployer_key_secret_id uuid          references secret (id),
    block_number           bigint        not null,
    created_at             timestamptz   not null,
    version                bigint        not null default 1,
    constraint contract_chain_name_key unique (chain_id, name),
    constraint contract_chain_address_key unique (chain_id, address)
);
create index contract_org_idx on contract (org_id);

-- Nodes: the node's own metrics endpoint, and how to reach a Fabric peer (FabricTarget of chainwatch-events).
alter table node add column metrics_url varchar(2048);
alter table node add column fabric jsonb;
