/**
 * Backup and restore of ChainWatch's own data (a command, not part of the running service):
 * {@link io.chainwatch.registry.backup.DatabaseBackup} writes the tables of the given schemas (default
 * {@code registry,alert,cdc}: registry with its audit log, tasks and secrets; alerts and their history; CDC
 * configuration) from one REPEATABLE READ snapshot — consistent across schemas — into a zip of PostgreSQL COPY
 * texts with a manifest (columns, row counts, each schema's Flyway version). Secrets are copied as stored:
 * AES-GCM ciphertext, decryptable only with the same keys. Restore goes onto a fresh stack whose services have
 * created their schemas (same Flyway versions, checked) and are stopped: in one transaction, with foreign-key
 * triggers off ({@code session_replication_role = replica}, which needs a superuser or the table owner's
 * privileges), it empties the tables, copies the rows in and moves identity sequences past the restored ids.
 * {@link io.chainwatch.registry.backup.BackupCli} is the command line.
 */
package io.chainwatch.registry.backup;
