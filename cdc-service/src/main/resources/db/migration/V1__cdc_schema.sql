-- Change-data-capture sources: which table of which database becomes which samples.
CREATE TABLE source (
    id                   uuid PRIMARY KEY,
    org_id               uuid        NOT NULL,
    chain_id             uuid        NOT NULL,
    name                 text        NOT NULL,
    jdbc_url             text        NOT NULL,
    username             text        NOT NULL,
    password_cipher      text        NOT NULL, -- AES-GCM, "<keyId>:<base64>", never returned
    password_fingerprint text        NOT NULL, -- HMAC of the password: tells whether it changed, reveals nothing
    schema_name          text        NOT NULL,
    table_name           text        NOT NULL,
    metrics              jsonb       NOT NULL, -- {"column": "metric.name", ...}: numeric columns only
    tags                 jsonb       NOT NULL, -- ["column", ...]
    enabled              boolean     NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT source_name_unique UNIQUE (org_id, name)
);
CREATE INDEX source_org ON source (org_id);
