package io.chainwatch.cdc.replication;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes PostgreSQL's {@code pgoutput} logical replication messages (protocol version 1, text tuples), as
 * documented in "Logical Replication Message Formats" of the PostgreSQL manual. Keeps the relations (tables)
 * announced by the stream, so a row can be returned by column name. Not thread-safe: one decoder per stream.
 */
public final class PgOutputDecoder {

    /** Microseconds between the Unix epoch and PostgreSQL's epoch (2000-01-01). */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    /** A decoded message; types the reader does not need (delete, truncate, type, origin) are {@link Other}. */
    public sealed interface Message permits Begin, Commit, Relation, Row, Other {
    }

    /** Start of a transaction: the LSN its commit will have, its commit time. */
    public record Begin(long finalLsn, long commitTimeMs, int xid) implements Message {
    }

    /** End of a transaction; {@code endLsn} is where a resumed stream continues after it. */
    public record Commit(long commitLsn, long endLsn, long commitTimeMs) implements Message {
    }

    /** A table's shape, announced before its first row in a session. */
    public record Relation(int id, String schema, String table, List<String> columns, List<Integer> typeOids)
            implements Message {
    }

    /**
     * An inserted row or the new version of an updated row. Values are PostgreSQL's text forms; {@code null} for
     * SQL NULL; a column whose TOASTed value did not change in an update is absent.
     */
    public record Row(Relation relation, boolean update, Map<String, String> values) implements Message {
    }

    /** A message the reader ignores, by its type byte. */
    public record Other(char type) implements Message {
    }

    private final Map<Integer, Relation> relations = new HashMap<>();

    /** Decodes one message; the buffer is consumed. */
    public Message decode(ByteBuffer buffer) {
        char type = (char) buffer.get();
        return switch (type) {
            case 'B' -> new Begin(buffer.getLong(), toEpochMillis(buffer.getLong()), buffer.getInt());
            case 'C' -> {
                buffer.get(); // flags, unused
                yield new Commit(buffer.getLong(), buffer.getLong(), toEpochMillis(buffer.getLong()));
            }
            case 'R' -> relation(buffer);
            case 'I' -> {
                Relation relation = relationOf(buffer.getInt());
                expect(buffer, 'N');
                yield new Row(relation, false, tuple(buffer, relation));
            }
            case 'U' -> {
                Relation relation = relationOf(buffer.getInt());
                char next = (char) buffer.get();
                if (next == 'K' || next == 'O') { // the old key or old row: skip it
                    tuple(buffer, relation);
                    next = (char) buffer.get();
                }
                if (next != 'N') {
                    throw new IllegalArgumentException("update without a new tuple (got '" + next + "')");
                }
                yield new Row(relation, true, tuple(buffer, relation));
            }
            default -> new Other(type);
        };
    }

    private Relation relation(ByteBuffer buffer) {
        int id = buffer.getInt();
        String schema = cString(buffer);
        String table = cString(buffer);
        buffer.get(); // replica identity setting
        int count = buffer.getShort();
        List<String> columns = new ArrayList<>(count);
        List<Integer> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            buffer.get(); // flags (part of the key)
            columns.add(cString(buffer));
            types.add(buffer.getInt());
            buffer.getInt(); // type modifier
        }
        Relation relation = new Relation(id, schema, table, Collections.unmodifiableList(columns),
                Collections.unmodifiableList(types));
        relations.put(id, relation);
        return relation;
    }

    private Relation relationOf(int id) {
        Relation relation = relations.get(id);
        if (relation == null) {
            throw new IllegalStateException("row for relation " + id + " before its Relation message");
        }
        return relation;
    }

    private static Map<String, String> tuple(ByteBuffer buffer, Relation relation) {
        int count = buffer.getShort();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String column = i < relation.columns().size() ? relation.columns().get(i) : "#" + i;
            char kind = (char) buffer.get();
            switch (kind) {
                case 'n' -> values.put(column, null);
                case 'u' -> { } // unchanged TOASTed value: not sent
                case 't', 'b' -> {
                    byte[] bytes = new byte[buffer.getInt()];
                    buffer.get(bytes);
                    values.put(column, new String(bytes, StandardCharsets.UTF_8));
                }
                default -> throw new IllegalArgumentException("unknown tuple value kind '" + kind + "'");
            }
        }
        return values;
    }

    private static void expect(ByteBuffer buffer, char expected) {
        char got = (char) buffer.get();
        if (got != expected) {
            throw new IllegalArgumentException("expected '" + expected + "', got '" + got + "'");
        }
    }

    private static String cString(ByteBuffer buffer) {
        int start = buffer.position();
        while (buffer.get() != 0) {
            // scan to the terminating zero byte
        }
        byte[] bytes = new byte[buffer.position() - start - 1];
        buffer.position(start);
        buffer.get(bytes);
        buffer.get(); // the zero byte
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long toEpochMillis(long pgMicros) {
        return (pgMicros + PG_EPOCH_MICROS) / 1000;
    }
}
