package io.chainwatch.cdc.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** pgoutput messages built byte by byte as the PostgreSQL manual's "Logical Replication Message Formats" lays them out. */
class PgOutputDecoderTest {

    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private final PgOutputDecoder decoder = new PgOutputDecoder();

    @Test
    void decodesATransactionWithAnInsertAndAnUpdate() throws IOException {
        Instant commit = Instant.parse("2026-11-22T04:00:00.123Z");
        long pgMicros = commit.toEpochMilli() * 1000 - PG_EPOCH_MICROS;

        var begin = (PgOutputDecoder.Begin) decoder.decode(message(out -> {
            out.writeByte('B');
            out.writeLong(0x16B3748L);
            out.writeLong(pgMicros);
            out.writeInt(745);
        }));
        assertThat(begin.finalLsn()).isEqualTo(0x16B3748L);
        assertThat(begin.commitTimeMs()).isEqualTo(commit.toEpochMilli());
        assertThat(begin.xid()).isEqualTo(745);

        var relation = (PgOutputDecoder.Relation) decoder.decode(relationMessage());
        assertThat(relation.schema()).isEqualTo("app");
        assertThat(relation.table()).isEqualTo("settlement");
        assertThat(relation.columns()).containsExactly("id", "amount", "note");

        var insert = (PgOutputDecoder.Row) decoder.decode(message(out -> {
            out.writeByte('I');
            out.writeInt(16385);
            out.writeByte('N');
            out.writeShort(3);
            text(out, "1");
            text(out, "12.50");
            out.writeByte('n');
        }));
        assertThat(insert.update()).isFalse();
        assertThat(insert.values()).containsEntry("id", "1").containsEntry("amount", "12.50").containsEntry("note", null);

        var update = (PgOutputDecoder.Row) decoder.decode(message(out -> {
            out.writeByte('U');
            out.writeInt(16385);
            out.writeByte('O'); // old row (REPLICA IDENTITY FULL): skipped
            out.writeShort(3);
            text(out, "1");
            text(out, "12.50");
            out.writeByte('n');
            out.writeByte('N');
            out.writeShort(3);
            text(out, "1");
            text(out, "20.00");
            out.writeByte('u'); // unchanged TOASTed value: not sent
        }));
        assertThat(update.update()).isTrue();
        assertThat(update.values()).containsEntry("amount", "20.00").doesNotContainKey("note");

        var end = (PgOutputDecoder.Commit) decoder.decode(message(out -> {
            out.writeByte('C');
            out.writeByte(0);
            out.writeLong(0x16B3748L);
            out.writeLong(0x16B3778L);
            out.writeLong(pgMicros);
        }));
        assertThat(end.commitLsn()).isEqualTo(0x16B3748L);
        assertThat(end.endLsn()).isEqualTo(0x16B3778L);
    }

    @Test
    void messagesItDoesNotNeedAreRecognisedAndSkipped() throws IOException {
        assertThat(decoder.decode(message(out -> out.writeByte('D')))).isEqualTo(new PgOutputDecoder.Other('D'));
        assertThat(decoder.decode(message(out -> out.writeByte('T')))).isEqualTo(new PgOutputDecoder.Other('T'));
    }

    @Test
    void aRowBeforeItsRelationIsAnError() {
        assertThatThrownBy(() -> decoder.decode(message(out -> {
            out.writeByte('I');
            out.writeInt(99);
        }))).hasMessageContaining("relation 99");
    }

    private static ByteBuffer relationMessage() throws IOException {
        return message(out -> {
            out.writeByte('R');
            out.writeInt(16385);
            cString(out, "app");
            cString(out, "settlement");
            out.writeByte('d');
            out.writeShort(3);
            column(out, "id", 23);
            column(out, "amount", 1700);
            column(out, "note", 25);
        });
    }

    private static void column(DataOutputStream out, String name, int typeOid) throws IOException {
        out.writeByte(0);
        cString(out, name);
        out.writeInt(typeOid);
        out.writeInt(-1);
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeByte('t');
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void cString(DataOutputStream out, String value) throws IOException {
        out.write(value.getBytes(StandardCharsets.UTF_8));
        out.writeByte(0);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static ByteBuffer message(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.write(new DataOutputStream(bytes));
        return ByteBuffer.wrap(bytes.toByteArray());
    }
}
