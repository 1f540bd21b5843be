-- A deactivated organization: its nodes are not polled (their targets are withdrawn), its API keys and people are
-- refused, its data stays. Null: active.
alter table organization add column deactivated_at timestamptz;
