-- Quotas per organization: a platform admin's overrides of the configured defaults (chainwatch.cdc.quotas.*).
-- A missing row means the default.
CREATE TABLE quota_override (
    org_id     uuid        NOT NULL,
    name       text        NOT NULL,  -- cdc-sources
    value      bigint      NOT NULL CHECK (value >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text        NOT NULL,
    PRIMARY KEY (org_id, name)
);
