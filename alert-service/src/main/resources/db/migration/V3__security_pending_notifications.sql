-- Receiver secrets encrypted at rest, pending alerts visible in the alert API, alliance scope (in rule.spec),
-- and registry notifications delivered through the outbox.

-- Receiver secrets: AES-256-GCM ciphertext "<keyId>:<base64>" and an HMAC fingerprint to tell secrets apart.
-- Plaintext secrets of older rows are encrypted by the service at startup (ReceiverSecrets), then cleared.
alter table receiver
    add column secret_ciphertext  text,
    add column secret_fingerprint text;

-- Pending conditions carry what the alert API shows of a pending alert (rows written before this have nulls and
-- are not shown until rewritten).
alter table pending_condition
    add column rule_id    uuid,
    add column org_id     uuid,
    add column rule_type  text,
    add column severity   text,
    add column org_name   text,
    add column chain_name text,
    add column node_name  text,
    add column summary    text;
create index pending_condition_rule_idx on pending_condition (rule_id);

-- What the alert API lists: stored alerts, except a resolved one whose condition holds again (then it is PENDING),
-- and pending conditions of enabled rules that are not open alerts, as status PENDING.
create view alert_view as
select a.fingerprint, a.rule_id, a.rule_type, a.severity, a.org_id, a.chain_id, a.node_id, a.status, a.started_at,
       a.resolved_at, a.summary, a.updated_at, a.acknowledged_at, a.acknowledged_by, a.org_name, a.chain_name,
       a.node_name
  from alert a
 where a.status in ('FIRING', 'ACKNOWLEDGED')
    or not exists (select 1 from pending_condition p join rule r on r.id = p.rule_id and r.enabled
                    where p.fingerprint = a.fingerprint and p.org_id is not null)
union all
select p.fingerprint, p.rule_id, p.rule_type, p.severity, p.org_id, cast(p.chain_id as uuid), p.node_id,
       'PENDING', p.since, null, p.summary, p.updated_at, null, null, p.org_name, p.chain_name, p.node_name
  from pending_condition p
  join rule r on r.id = p.rule_id and r.enabled
 where p.org_id is not null
   and not exists (select 1 from alert a where a.fingerprint = p.fingerprint and a.status in ('FIRING', 'ACKNOWLEDGED'));

-- Rules scoped to an alliance (spec.options.allianceId) may leave the chain out: all chains of the alliance.
alter table rule alter column chain_id drop not null;

-- Registry notifications (OrgNotification) go through the outbox like alerts; they belong to no alert.
alter table notification_outbox add column org_id uuid;
