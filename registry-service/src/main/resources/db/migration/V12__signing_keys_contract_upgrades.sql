-- Organization signing keys: Ethereum keys that sign an organization's contract transactions (deploy, upgrade).
-- The private key is a secret (table secret); the API shows only the address and the secret's fingerprint.
create table signing_key (
    id            uuid         primary key,
    org_id        uuid         not null references organization (id),
    name          varchar(100) not null,
    address       varchar(42)  not null,
    key_secret_id uuid         not null references secret (id),
    origin        varchar(16)  not null,
    created_at    timestamptz  not null,
    constraint signing_key_origin_check check (origin in ('GENERATED', 'IMPORTED')),
    constraint signing_key_org_name_key unique (org_id, name),
    constraint signing_key_org_address_key unique (org_id, address)
);

-- Contracts deployed before signing keys carried their deployer's key each: one signing key per organization and
-- deployer address takes it over (the copies of the same key are forgotten).
insert into signing_key (id, org_id, name, address, key_secret_id, origin, created_at)
select distinct on (c.org_id, lower(c.deployer)) gen_random_uuid(), c.org_id, 'deployer ' || lower(c.deployer),
       lower(c.deployer), c.deployer_key_secret_id, 'IMPORTED', c.created_at
from contract c
where c.deployer_key_secret_id is not null
order by c.org_id, lower(c.deployer), c.created_at, c.id;

-- The key that deployed (and upgrades) the contract; null once the key was deleted (the contract was terminated).
alter table contract add column signing_key_id uuid references signing_key (id) on delete set null;
update contract c set signing_key_id = k.id from signing_key k where k.org_id = c.org_id and k.address = lower(c.deployer);
create index contract_signing_key_idx on contract (signing_key_id);

create temporary table superseded_deployer_secret as
select c.deployer_key_secret_id as id from contract c
where c.deployer_key_secret_id is not null
  and not exists (select 1 from signing_key k where k.key_secret_id = c.deployer_key_secret_id);
alter table contract drop column deployer_key_secret_id;
delete from secret where id in (select id from superseded_deployer_secret);
drop table superseded_deployer_secret;

-- Upgradeable contracts: address is the ERC-1967 proxy users call, implementation the code it delegates to now.
-- revision counts the implementations (1 = as deployed). For a plain contract implementation = address.
alter table contract add column upgradeable boolean not null default false;
alter table contract add column implementation varchar(42);
update contract set implementation = address;
alter table contract alter column implementation set not null;
alter table contract add column revision int not null default 1;

-- Each implementation a contract had: revision 1 from its deployment, one more per upgrade.
create table contract_revision (
    contract_id     uuid        not null references contract (id),
    revision        int         not null,
    implementation  varchar(42) not null,
    abi             jsonb       not null,
    tx_hash         varchar(66) not null,
    upgrade_tx_hash varchar(66),
    block_number    bigint      not null,
    signer          varchar(42) not null,
    signing_key_id  uuid        references signing_key (id) on delete set null,
    created_at      timestamptz not null,
    primary key (contract_id, revision)
);
insert into contract_revision (contract_id, revision, implementation, abi, tx_hash, block_number, signer,
                               signing_key_id, created_at)
select id, 1, address, abi, tx_hash, block_number, deployer, signing_key_id, created_at from contract;
