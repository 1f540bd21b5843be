-- The fingerprint of the collectors' public key that the Fabric identities in the node targets were last sealed for:
-- when the configured key differs at start-up, the registry seals them again (see CollectorIdentities).
create table collector_key (
    id          smallint    primary key default 1 check (id = 1),
    fingerprint varchar(64) not null,
    sealed_at   timestamptz not null default now()
);
