-- Client identities the registry presents to Fabric peers (native Fabric adapter): one per organization and MSP.
-- The certificate is public and kept as PEM; the private key is an encrypted secret (registry.secret), never
-- returned by the API.
create table fabric_identity (
    org_id              uuid         not null references organization (id),
    msp_id              varchar(100) not null,
    certificate_pem     text         not null,
    key_secret_id       uuid         not null references secret (id),
    created_at          timestamptz  not null,
    updated_at          timestamptz,
    version             bigint       not null default 1,
    primary key (org_id, msp_id)
);
