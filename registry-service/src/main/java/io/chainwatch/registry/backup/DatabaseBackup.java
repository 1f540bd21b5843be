package io.chainwatch.registry.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import tools.jackson.databind.json.JsonMapper;

/** Writes and restores a backup of whole schemas (see the package description). */
public final class DatabaseBackup {

    static final String MANIFEST = "manifest.json";
    static final String HISTORY = "flyway_schema_history";

    /** What a backup holds. */
    public record Manifest(int format, Instant createdAt, List<SchemaEntry> schemas) {
    }

    /** One schema: absent in the source, or its Flyway version and tables. */
    public record SchemaEntry(String name, boolean present, String flywayVersion, List<TableEntry> tables) {
    }

    /** One table: its columns (in COPY order) and how many rows were written. */
    public record TableEntry(String name, List<String> columns, long rows) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DatabaseBackup() {
    }

    /**
     * Writes the schemas' tables, from one snapshot, as a zip to {@code out}; returns the manifest.
     *
     * @param exclude tables to leave out, as {@code schema.table}
     */
    public static Manifest backup(Connection connection, List<String> schemas, List<String> exclude, OutputStream out)
            throws SQLException, IOException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        List<SchemaEntry> entries = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String schema : schemas) {
                if (!schemaExists(connection, schema)) {
                    entries.add(new SchemaEntry(schema, false, null, List.of()));
                    continue;
                }
                List<TableEntry> tables = new ArrayList<>();
                for (String table : tables(connection, schema)) {
                    if (exclude.contains(schema + "." + table)) {
                        continue;
                    }
                    List<String> columns = columns(connection, schema, table);
                    zip.putNextEntry(new ZipEntry("data/" + schema + "/" + table + ".copy"));
                    long rows = copy.copyOut("COPY (SELECT " + String.join(", ", quoted(columns)) + " FROM "
                            + name(schema, table) + ") TO STDOUT", new NonClosing(zip));
                    zip.closeEntry();
                    tables.add(new TableEntry(table, columns, rows));
                }
                entries.add(new SchemaEntry(schema, true, flywayVersion(connection, schema), tables));
            }
            Manifest manifest = new Manifest(1, Instant.now(), entries);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
            connection.commit();
            return manifest;
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * Restores a backup into a database whose schemas exist at the same Flyway versions: in one transaction, every
     * table of each backed-up schema is emptied and refilled; identity sequences continue after the restored ids.
     * Nothing changes when a check fails.
     */
    public static Manifest restore(Connection connection, InputStream in) throws SQLException, IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                files.put(entry.getName(), zip.readAllBytes());
            }
        }
        if (!files.containsKey(MANIFEST)) {
            throw new IllegalArgumentException("not a ChainWatch backup: no " + MANIFEST);
        }
        Manifest manifest = JSON.readValue(files.get(MANIFEST), Manifest.class);
        List<String> problems = new ArrayList<>();
        for (SchemaEntry schema : manifest.schemas()) {
            if (!schema.present()) {
                continue;
            }
            if (!schemaExists(connection, schema.name())) {
                problems.add("schema " + schema.name() + " does not exist: start its service once on the new stack");
                continue;
            }
            String version = flywayVersion(connection, schema.name());
            if (schema.flywayVersion() != null && !schema.flywayVersion().equals(version)) {
                problems.add("schema " + schema.name() + " is at Flyway version " + version + ", the backup at "
                        + schema.flywayVersion() + ": restore with the same ChainWatch version");
            }
            List<String> existing = tables(connection, schema.name());
            schema.tables().stream().filter(t -> !existing.contains(t.name()))
                    .forEach(t -> problems.add("table " + schema.name() + "." + t.name() + " does not exist"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cannot restore: " + String.join("; ", problems));
        }
        connection.setAutoCommit(false);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL session_replication_role = replica");
            for (SchemaEntry schema : manifest.schemas()) {
                if (!schema.present() || schema.tables().isEmpty()) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                schema.tables().forEach(t -> names.add(name(schema.name(), t.name())));
                statement.execute("TRUNCATE " + String.join(", ", names));
                for (TableEntry table : schema.tables()) {
                    byte[] data = files.get("data/" + schema.name() + "/" + table.name() + ".copy");
                    long rows = copy.copyIn("COPY " + name(schema.name(), table.name()) + " ("
                            + String.join(", ", quoted(table.columns())) + ") FROM STDIN", new ByteArrayInputStream(data));
                    if (rows != table.rows()) {
                        throw new IllegalStateException(schema.name() + "." + table.name() + ": " + rows
                                + " rows restored, the backup says " + table.rows());
                    }
                    resetIdentities(connection, schema.name(), table.name());
                }
            }
            connection.commit();
            return manifest;
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static void resetIdentities(Connection connection, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select column_name from information_schema.columns
                where table_schema = ? and table_name = ? and (is_identity = 'YES' or column_default like 'nextval(%')""")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        for (String column : columns) {
            try (PreparedStatement reset = connection.prepareStatement("select setval(pg_get_serial_sequence(?, ?),"
                    + " coalesce((select max(" + quote(column) + ") from " + name(schema, table) + "), 0) + 1, false)")) {
                reset.setString(1, name(schema, table));
                reset.setString(2, column);
                reset.execute();
            }
        }
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select 1 from information_schema.schemata where schema_name = ?")) {
            query.setString(1, schema);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The schema's tables but Flyway's history, by name. */
    private static List<String> tables(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select table_name from information_schema.tables
                where table_schema = ? and table_type = 'BASE TABLE' and table_name <> ? order by table_name""")) {
            query.setString(1, schema);
            query.setString(2, HISTORY);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static List<String> columns(Connection connection, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select column_name from information_schema.columns
                where table_schema = ? and table_name = ? and is_generated = 'NEVER' order by ordinal_position""")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** The latest successful versioned migration of the schema, or {@code null} without Flyway history. */
    private static String flywayVersion(Connection connection, String schema) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select 1 from information_schema.tables where table_schema = ? and table_name = ?""")) {
            query.setString(1, schema);
            query.setString(2, HISTORY);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select version from " + name(schema, HISTORY)
                        + " where success and version is not null order by installed_rank desc limit 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String name(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    private static List<String> quoted(List<String> names) {
        return names.stream().map(DatabaseBackup::quote).toList();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Lets COPY write into a zip entry without closing the zip. */
    private static final class NonClosing extends OutputStream {

        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // the zip entry is closed by the caller
        }
    }
}
