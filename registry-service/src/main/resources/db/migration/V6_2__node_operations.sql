-- Node operations through the platform (start / stop / restart) and the auto-restart policy per node.

-- A node's auto-restart policy: restart it through its platform once its polls have failed for after_seconds,
-- at most max_per_hour automatic restarts in any hour.
create table node_auto_restart (
    node_id       uuid         primary key references node (id) on delete cascade,
    enabled       boolean      not null,
    after_seconds integer      not null,
    max_per_hour  integer      not null,
    updated_at    timestamptz  not null,
    constraint node_auto_restart_after_check check (after_seconds between 5 and 86400),
    constraint node_auto_restart_max_check check (max_per_hour between 1 and 60)
);

-- Every operation on a node: by whom (automatic or a caller), and how it went. outcome: DONE, FAILED, LIMITED
-- (an automatic restart was due but the hourly limit was reached).
create table node_operation (
    id        bigint       generated always as identity primary key,
    node_id   uuid         not null references node (id) on delete cascade,
    operation varchar(16)  not null,
    automatic boolean      not null,
    outcome   varchar(16)  not null,
    detail    text,
    at        timestamptz  not null,
    constraint node_operation_outcome_check check (outcome in ('DONE', 'FAILED', 'LIMITED'))
);
create index node_operation_node_at_idx on node_operation (node_id, at);
