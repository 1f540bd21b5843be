-- A chain's availability objective (e.g. 0.999): its availability report gives the error budget left against it.
-- Nullable: no objective.
alter table chain add column availability_objective double precision
    constraint chain_availability_objective_check check (availability_objective > 0 and availability_objective < 1);

-- Availability reports match outages with the alert service's transitions of the same node (stored in audit_log
-- from chainwatch.audit: service 'alert', action alert.firing / alert.resolved, details.nodeId).
create index audit_log_alert_node_at_idx on audit_log ((details ->> 'nodeId'), at) where service = 'alert';
