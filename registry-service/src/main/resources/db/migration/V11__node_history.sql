-- A node's main readings over time, for charts of the last hours (the console's chain page): the latest sample of
-- each node in each bucket (10 s by default), kept for a day by default. Written with node_status, in the same
-- transaction per consumer poll.
create table node_history (
    node_id                uuid             not null,
    chain_id               uuid             not null,
    org_id                 uuid             not null,
    bucket                 timestamptz      not null,
    polled_at              timestamptz      not null,
    height                 double precision,
    block_interval_seconds double precision,
    tps                    double precision,
    peers                  double precision,
    primary key (node_id, bucket)
);
create index node_history_chain_bucket_idx on node_history (chain_id, bucket);
create index node_history_bucket_idx on node_history (bucket);
