-- Organizations, their chains and the monitored nodes of each chain, plus the transactional outbox that
-- carries node changes to Kafka. Flyway runs this with default schema "registry".

create table organization (
    id            uuid         primary key,
    name          varchar(100) not null,
    contact_email varchar(254) not null,
    created_at    timestamptz  not null,
    version       bigint       not null default 1,
    constraint organization_name_key unique (name)
);

create table chain (
    id         uuid         primary key,
    org_id     uuid         not null references organization (id),
    name       varchar(100) not null,
    platform   varchar(16)  not null,
    created_at timestamptz  not null,
    version    bigint       not null default 1,
    constraint chain_platform_check check (platform in ('ETHEREUM', 'FABRIC')),
    constraint chain_org_name_key unique (org_id, name)
);

create table node (
    id               uuid          primary key,
    chain_id         uuid          not null references chain (id),
    name             varchar(100)  not null,
    rpc_url          varchar(2048) not null,
    poll_interval_ms bigint        not null,
    created_at       timestamptz   not null,
    version          bigint        not null default 1,
    constraint node_poll_interval_check check (poll_interval_ms between 200 and 3600000),
    constraint node_chain_name_key unique (chain_id, name)
);

-- One row per Kafka record to publish; payload null = tombstone. The relay publishes rows in id order and
-- sets published_at; published rows are deleted after the configured retention.
create table outbox (
    id           bigint       generated always as identity primary key,
    topic        varchar(249) not null,
    message_key  varchar(255) not null,
    payload      text,
    created_at   timestamptz  not null default now(),
    published_at timestamptz
);

create index outbox_unpublished_idx on outbox (id) where published_at is null;
create index outbox_published_at_idx on outbox (published_at) where published_at is not null;
