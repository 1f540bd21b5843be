-- Where each signed tree head's root was written on a chain: the transaction carrying it and its block. A head
-- without a row here is waiting to be anchored (oldest first, none skipped).
create table ledger_anchor (
    tree_size     bigint        primary key references ledger_tree_head (tree_size),
    chain_id      bigint        not null,
    tx_hash       varchar(66)   not null,
    block_number  bigint        not null,
    from_address  varchar(42)   not null,
    anchored_at   timestamptz   not null
);
