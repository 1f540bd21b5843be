-- A monitored chain may serve a business chain (of an alliance): its nodes' targets then carry the alliance id,
-- so alert rules can be scoped by alliance. Nullable; a business chain with linked chains cannot be deleted.
alter table chain add column business_chain_id uuid references business_chain (id);
create index chain_business_chain_idx on chain (business_chain_id);
