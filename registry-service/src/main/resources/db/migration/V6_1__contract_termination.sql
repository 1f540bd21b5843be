-- A terminated contract: ChainWatch refuses further invokes through its API. Null: active.
alter table contract add column terminated_at timestamptz;
alter table contract add column terminated_reason varchar(300);
