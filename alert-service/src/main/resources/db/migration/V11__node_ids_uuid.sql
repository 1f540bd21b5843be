-- Node and chain ids are UUIDs from the sample to the stored alert (one id type end to end): the columns that kept
-- them as text now say so. Every id in them came from the registry, whose ids are UUIDs.
drop view alert_view;

alter table alert alter column node_id type uuid using cast(node_id as uuid);
alter table alert_history alter column node_id type uuid using cast(node_id as uuid);
alter table pending_condition
    alter column chain_id type uuid using cast(chain_id as uuid),
    alter column node_id type uuid using cast(node_id as uuid);

-- as in V3, with pending_condition.chain_id a uuid already
create view alert_view as
select a.fingerprint, a.rule_id, a.rule_type, a.severity, a.org_id, a.chain_id, a.node_id, a.status, a.started_at,
       a.resolved_at, a.summary, a.updated_at, a.acknowledged_at, a.acknowledged_by, a.org_name, a.chain_name,
       a.node_name
  from alert a
 where a.status in ('FIRING', 'ACKNOWLEDGED')
    or not exists (select 1 from pending_condition p join rule r on r.id = p.rule_id and r.enabled
                    where p.fingerprint = a.fingerprint and p.org_id is not null)
union all
select p.fingerprint, p.rule_id, p.rule_type, p.severity, p.org_id, p.chain_id, p.node_id,
       'PENDING', p.since, null, p.summary, p.updated_at, null, null, p.org_name, p.chain_name, p.node_name
  from pending_condition p
  join rule r on r.id = p.rule_id and r.enabled
 where p.org_id is not null
   and not exists (select 1 from alert a where a.fingerprint = p.fingerprint and a.status in ('FIRING', 'ACKNOWLEDGED'));

-- A rule's alliance scope (spec.options.allianceId) is read as a UUID now. Registry alliance ids are UUIDs, so a
-- scope of any other text never matched a node; it becomes the nil UUID, which matches none either (same behaviour,
-- and the rule still loads).
update rule
   set spec = jsonb_set(spec, '{options,allianceId}', '"00000000-0000-0000-0000-000000000000"')
 where spec #>> '{options,allianceId}' is not null
   and spec #>> '{options,allianceId}' !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
