package io.chainwatch.registry.backup;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;

/**
 * {@code backup} and {@code restore} of ChainWatch's data from a shell (see the package description):
 *
 * <pre>
 * java -cp registry-service/target/registry-service-*-exec.jar \
 *   -Dloader.main=io.chainwatch.registry.backup.BackupCli \
 *   org.springframework.boot.loader.launch.PropertiesLauncher \
 *   backup --jdbc-url jdbc:postgresql://127.0.0.1:5432/chainwatch --user chainwatch [--schemas registry,alert,cdc] \
 *   [--exclude schema.table,...] \
 *   --file chainwatch-backup.zip
 * ... restore --jdbc-url jdbc:postgresql://NEW-HOST:5432/chainwatch --user postgres --file chainwatch-backup.zip
 * </pre>
 * The password comes from {@code PGPASSWORD} (or {@code --password}). Exit code 0 on success, 1 when the backup or
 * restore failed (nothing restored), 2 for a usage error.
 */
public final class BackupCli {

    /** Schemas backed up unless {@code --schemas} says otherwise. */
    public static final List<String> DEFAULT_SCHEMAS = List.of("registry", "alert", "cdc");

    private BackupCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the command the arguments name, reporting to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        if (args.length == 0 || !List.of("backup", "restore").contains(args[0])) {
            out.println("usage: BackupCli (backup|restore) --jdbc-url <url> --user <user> [--password <pw>]"
                    + " [--schemas registry,alert,cdc] [--exclude schema.table,...] --file <backup.zip>");
            return 2;
        }
        String url = null;
        String user = null;
        String password = System.getenv("PGPASSWORD");
        String file = null;
        List<String> schemas = DEFAULT_SCHEMAS;
        List<String> exclude = List.of();
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--jdbc-url" -> url = args[++i];
                    case "--user" -> user = args[++i];
                    case "--password" -> password = args[++i];
                    case "--file" -> file = args[++i];
                    case "--schemas" -> schemas = Arrays.stream(args[++i].split(",")).map(String::strip).toList();
                    case "--exclude" -> exclude = Arrays.stream(args[++i].split(",")).map(String::strip).toList();
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
        if (url == null || file == null) {
            out.println("error: --jdbc-url and --file are required");
            return 2;
        }
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            Path path = Path.of(file);
            if (args[0].equals("backup")) {
                Path partial = path.resolveSibling(path.getFileName() + ".partial");
                DatabaseBackup.Manifest manifest;
                try (OutputStream stream = Files.newOutputStream(partial)) {
                    manifest = DatabaseBackup.backup(connection, schemas, exclude, stream);
                }
                Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                report(out, "backed up", manifest);
            } else {
                DatabaseBackup.Manifest manifest;
                try (InputStream stream = Files.newInputStream(path)) {
                    manifest = DatabaseBackup.restore(connection, stream);
                }
                report(out, "restored", manifest);
            }
            return 0;
        } catch (Exception e) {
            out.println("error: " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static void report(PrintStream out, String what, DatabaseBackup.Manifest manifest) {
        for (DatabaseBackup.SchemaEntry schema : manifest.schemas()) {
            if (!schema.present()) {
                out.println(schema.name() + ": not in the source database, skipped");
                continue;
            }
            long rows = schema.tables().stream().mapToLong(DatabaseBackup.TableEntry::rows).sum();
            out.println(schema.name() + ": " + what + " " + schema.tables().size() + " tables, " + rows
                    + " rows (Flyway version " + schema.flywayVersion() + ")");
        }
    }
}
