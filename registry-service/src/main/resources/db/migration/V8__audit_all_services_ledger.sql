-- The audit table holds the entries of every service (read from the topic chainwatch.audit), refused and failed
-- calls included. entry_id is the AuditEntry's id: the registry's own rows are written in the change's transaction
-- and the same entry, read back from the topic, is then not inserted twice.
alter table audit_log add column entry_id uuid;
update audit_log set entry_id = gen_random_uuid() where entry_id is null;
alter table audit_log alter column entry_id set not null;
create unique index audit_log_entry_id_idx on audit_log (entry_id);
alter table audit_log add column service varchar(32) not null default 'registry';
alter table audit_log add column outcome varchar(16) not null default 'success';
alter table audit_log add column details jsonb;
alter table audit_log alter column resource_id drop not null;
create index audit_log_actor_at_idx on audit_log (actor, at);

-- The tamper-evident log: leaf i of an RFC 9162 Merkle tree. data is the exact bytes of the AuditEntry JSON as read
-- from the topic; leaf_hash = SHA-256(0x00 || data); signature = the log key's signature over
-- (leaf_index, appended_at_ms, leaf_hash) (see docs/ledger.md). Append-only: leaf_index is dense from 0, given out
-- under the lock of the single ledger_state row, and its primary key refuses a second writer's leaf at the same place.
create table ledger_entry (
    leaf_index      bigint       primary key check (leaf_index >= 0),
    entry_id        uuid         not null unique,
    org_id          uuid,
    appended_at_ms  bigint       not null,
    data            bytea        not null,
    leaf_hash       bytea        not null check (length(leaf_hash) = 32),
    signature       bytea        not null
);
create index ledger_entry_org_idx on ledger_entry (org_id, leaf_index);

-- The log's size; its one row is locked by each append (select ... for update), so appends are serialized.
create table ledger_state (
    id    boolean primary key default true check (id),
    size  bigint  not null check (size >= 0)
);
insert into ledger_state (id, size) values (true, 0);

-- Signed tree heads: RFC 6962 §3.5 TreeHeadSignature (version 0, signature type tree_hash, timestamp, tree_size,
-- root) signed with the log key (Ed25519); key_id = SHA-256 of the public key (hex), public_key base64 X.509.
create table ledger_tree_head (
    tree_size     bigint       primary key check (tree_size >= 0),
    root_hash     bytea        not null check (length(root_hash) = 32),
    timestamp_ms  bigint       not null,
    key_id        varchar(64)  not null,
    public_key    text         not null,
    signature     bytea        not null
);
