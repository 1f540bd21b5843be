-- Node status: each node's current state as the samples on chainwatch.samples show it, and every change of state.

-- Every change of a node's state, append-only: availability (uptime against downtime) is computed from it.
create table registry.node_state_change (
    id          bigserial   primary key,
    node_id     uuid        not null,
    chain_id    uuid        not null,
    org_id      uuid        not null,
    -- null for the node's first state
    from_state  text,
    to_state    text        not null,
    -- when the sample that showed the new state was taken (no_data: when the node became overdue)
    changed_at  timestamptz not null,
    -- why: the poll's error, or what ended it
    reason      text
);
create index node_state_change_node_at on registry.node_state_change (node_id, changed_at);
create index node_state_change_org_at on registry.node_state_change (org_id, changed_at);

create function registry.node_state_change_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'registry.node_state_change is append-only';
end;
$$;
create trigger node_state_change_append_only before update or delete on registry.node_state_change
    for each statement execute function registry.node_state_change_append_only();

-- The latest status of each node (one row per node, upserted).
create table registry.node_status (
    node_id         uuid        primary key,
    chain_id        uuid        not null,
    org_id          uuid        not null,
    state           text        not null,
    since           timestamptz not null,
    last_error      text,
    last_error_at   timestamptz,
    -- the latest sample
    polled_at       timestamptz not null,
    outcome         text        not null,
    readings        jsonb       not null,
    info            jsonb       not null,
    unsupported     jsonb       not null
);
create index node_status_chain on registry.node_status (chain_id);
