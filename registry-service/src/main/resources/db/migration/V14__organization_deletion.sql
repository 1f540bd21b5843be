-- A deleted organization: everything it owned is removed, its row stays as a tombstone (audit entries and the
-- tamper-evident log keep its id) with the name anonymized (deleted-<first 8 of the id>), no contact e-mail and no
-- code. Null: not deleted. A deleted organization stays deactivated (deactivated_at is kept).
alter table organization add column deleted_at timestamptz;
alter table organization alter column contact_email drop not null;
