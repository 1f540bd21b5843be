-- Organizations the registry deactivated (from chainwatch.organizations): their sources are not read while
-- deactivated. The newer record wins; a missing row means active.
CREATE TABLE organization_state (
    org_id      uuid        PRIMARY KEY,
    deactivated boolean     NOT NULL,
    changed_at  timestamptz NOT NULL
);
