-- Audit entries of committed alert transitions (fired, resolved, acknowledged), written in the transition's own
-- transaction and sent to the topic chainwatch.audit by the relay, which deletes what Kafka acknowledged. So a
-- transition reaches the tamper-evident log if and only if it was committed.
create table audit_outbox (
    id           bigint       generated always as identity primary key,
    message_key  varchar(64)  not null,
    payload      text         not null,
    created_at   timestamptz  not null default now()
);
