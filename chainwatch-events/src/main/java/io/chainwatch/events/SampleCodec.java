package io.chainwatch.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The binary form of a {@link NodeSample} on {@code chainwatch.samples}: Protocol Buffers' wire format for the message
 * {@code chainwatch.v1.NodeSample} in {@code chainwatch/v1/node_sample.proto} (in this jar), written and read by hand
 * (no generated code, no dependency), so any Protocol Buffers library can read a sample with that schema. About half
 * the size of the sample's JSON, and much cheaper to write and read than JSON (figures in docs/adr/0008).
 *
 * <p>The readings and texts whose names are in {@link #KNOWN_NAMES} travel as that name's number (fields 11 and 12)
 * instead of the name: smaller, and the reader hands out the constant's own {@code String} instance, so nothing is
 * decoded or allocated for a name. Any other name (a Fabric operations metric, {@code metric.*}) travels as text
 * (fields 7 and 8). Numbers are append-only: a name keeps its number for ever, and a reader skips a number it does not
 * know (a newer collector's reading), as it skips any field it does not know.
 *
 * <p>A sample's JSON always starts with {@code '{'}, which no message written here does (it would be field 15 as a
 * group), so a reader tells the two forms apart by the first byte: {@link #isJson(byte[])}. Consumers read both, so
 * collectors can be upgraded one at a time.
 */
public final class SampleCodec {

    /**
     * Names sent as numbers: the name at index {@code i} is number {@code i + 1}. Append only: never reorder, remove
     * or insert, or an older reader would take one reading for another.
     */
    static final List<String> KNOWN_NAMES = List.of(
            Readings.BLOCK_HEIGHT, Readings.HEAD_TIMESTAMP_SECONDS, Readings.HEAD_AGE_SECONDS, Readings.SYNCING,
            Readings.SYNC_CURRENT_BLOCK, Readings.SYNC_HIGHEST_BLOCK, Readings.CHAIN_ID, Readings.TXPOOL_PENDING,
            Readings.TXPOOL_QUEUED, Readings.PEER_COUNT, Readings.RPC_LATENCY_MS, Readings.BLOCK_TX_COUNT,
            Readings.BLOCK_GAS_USED, Readings.BLOCK_GAS_LIMIT, Readings.BASE_FEE_WEI, Readings.GAS_PRICE_WEI,
            Readings.BLOCK_INTERVAL_SECONDS, Readings.TPS, Readings.REORG_DEPTH, Readings.REORG_COUNT,
            Readings.HEIGHT_REGRESSION, Readings.CHAIN_RESET, Readings.FABRIC_TX_COUNT, Readings.FABRIC_TX_VALID,
            Readings.FABRIC_TX_INVALID, Readings.FABRIC_BLOCKS, Readings.FABRIC_COMMIT_INTERVAL_SECONDS,
            Readings.FABRIC_TX_SUBMITTED, Readings.FABRIC_PROPOSALS_ENDORSED, Readings.ORDERER_RAFT_IS_LEADER,
            Readings.ORDERER_RAFT_HAS_LEADER, Readings.ORDERER_RAFT_CLUSTER_SIZE, Readings.ORDERER_RAFT_ACTIVE_NODES,
            Readings.ORDERER_RAFT_LEADER_CHANGES, Readings.ORDERER_BROADCAST_REJECTED, Readings.ORDERER_CHANNEL_ACTIVE,
            Readings.HEALTH_OK, Readings.METRICS_SCRAPE_OK, Readings.CLIENT_VERSION, Readings.HEAD_HASH,
            Readings.HEAD_SOURCE, Readings.RPC_ERRORS, Readings.GENESIS_HASH, Readings.PENDING_SOURCE,
            Readings.CAPABILITIES, Readings.RPC_MODE, Readings.FABRIC_CHAINCODES, Readings.HEALTH_FAILED_CHECKS,
            Readings.METRICS_SCRAPE_ERROR, Readings.FABRIC_INVALID_CODES, Readings.ORDERER_CHANNEL_STATUS,
            Readings.ORDERER_CONSENSUS_RELATION, Readings.ORDERER_ERROR, Readings.FABRIC_CHANNELS_JOINED,
            Readings.FABRIC_CHANNELS_MONITORED, Readings.FABRIC_CHANNELS_UNMONITORED, Readings.FABRIC_CHANNEL_PEERS,
            Readings.FABRIC_DISCOVERY_ERROR);

    private static final String[] BY_NUMBER = KNOWN_NAMES.toArray(String[]::new);
    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    static {
        for (int i = 0; i < BY_NUMBER.length; i++) {
            if (NUMBERS.put(BY_NUMBER[i], i + 1) != null) {
                throw new IllegalStateException("name listed twice: " + BY_NUMBER[i]);
            }
        }
    }

    // field numbers of chainwatch.v1.NodeSample (chainwatch/v1/node_sample.proto)
    private static final int NODE_ID = 1;
    private static final int CHAIN_ID = 2;
    private static final int ORG_ID = 3;
    private static final int POLLED_AT_MS = 4;
    private static final int OUTCOME = 5;
    private static final int ERROR = 6;
    private static final int READINGS = 7;
    private static final int INFO = 8;
    private static final int UNSUPPORTED = 9;
    private static final int CHANNEL = 10;
    private static final int KNOWN_READINGS = 11;
    private static final int KNOWN_INFO = 12;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** A byte's value as a hex digit (either case), -1 for any other byte. */
    private static final int[] HEX_VALUE = new int[256];

    static {
        Arrays.fill(HEX_VALUE, -1);
        for (int i = 0; i < 16; i++) {
            HEX_VALUE["0123456789abcdef".charAt(i)] = i;
            HEX_VALUE["0123456789ABCDEF".charAt(i)] = i;
        }
    }

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private SampleCodec() {
    }

    /** Whether these bytes are a sample's JSON rather than its binary form. */
    public static boolean isJson(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == '{';
    }

    /**
     * The sample in a record's value: its binary form, or its JSON (from a collector not upgraded yet) read by
     * {@code json}.
     *
     * @throws IllegalArgumentException when the binary form is malformed; {@code json}'s own exception for bad JSON
     */
    public static NodeSample read(byte[] bytes, Function<byte[], NodeSample> json) {
        return isJson(bytes) ? json.apply(bytes) : decode(bytes);
    }

    /** The sample's binary form. */
    public static byte[] encode(NodeSample s) {
        Writer w = new Writer();
        w.uuid(NODE_ID, s.nodeId());
        w.uuid(CHAIN_ID, s.chainId());
        w.uuid(ORG_ID, s.orgId());
        if (s.polledAtMs() != 0) {
            w.tag(POLLED_AT_MS, VARINT);
            w.varint(s.polledAtMs());
        }
        if (s.outcome() != null) {
            w.tag(OUTCOME, VARINT);
            w.varint(outcomeNumber(s.outcome()));
        }
        w.string(ERROR, s.error());
        for (Map.Entry<String, Double> e : s.readings().entrySet()) {
            Integer number = NUMBERS.get(e.getKey());
            int start;
            if (number != null) {
                start = w.beginMessage(KNOWN_READINGS);
                w.tag(1, VARINT);
                w.varint(number);
            } else {
                start = w.beginMessage(READINGS);
                w.string(1, e.getKey());
            }
            w.tag(2, FIXED64);
            w.fixed64(Double.doubleToRawLongBits(e.getValue()));
            w.endMessage(start);
        }
        for (Map.Entry<String, String> e : s.info().entrySet()) {
            Integer number = NUMBERS.get(e.getKey());
            int start;
            if (number != null) {
                start = w.beginMessage(KNOWN_INFO);
                w.tag(1, VARINT);
                w.varint(number);
            } else {
                start = w.beginMessage(INFO);
                w.string(1, e.getKey());
            }
            w.string(2, e.getValue());
            w.endMessage(start);
        }
        for (String name : s.unsupported()) {
            w.string(UNSUPPORTED, name);
        }
        w.string(CHANNEL, s.channel());
        return w.toBytes();
    }

    /**
     * The sample in these bytes (its binary form).
     *
     * @throws IllegalArgumentException when they are not a well-formed sample (truncated, a wrong wire type, an
     *                                  outcome this version does not know)
     */
    public static NodeSample decode(byte[] bytes) {
        Reader r = new Reader(bytes, 0, bytes.length);
        UUID nodeId = null;
        UUID chainId = null;
        UUID orgId = null;
        long polledAtMs = 0;
        PollOutcome outcome = null;
        String error = null;
        Entries<Double> readings = null;
        Entries<String> info = null;
        List<String> unsupported = null;
        String channel = null;
        while (r.more()) {
            int tag = r.varint32();
            int field = tag >>> 3;
            int wire = tag & 7;
            switch (field) {
                case NODE_ID -> nodeId = r.uuid(wire);
                case CHAIN_ID -> chainId = r.uuid(wire);
                case ORG_ID -> orgId = r.uuid(wire);
                case POLLED_AT_MS -> polledAtMs = r.varint(wire);
                case OUTCOME -> outcome = outcome((int) r.varint(wire));
                case ERROR -> error = r.string(wire);
                case CHANNEL -> channel = r.string(wire);
                case UNSUPPORTED -> {
                    if (unsupported == null) {
                        unsupported = new ArrayList<>(4);
                    }
                    unsupported.add(r.string(wire));
                }
                case READINGS, KNOWN_READINGS -> {
                    Reader entry = r.message(wire);
                    String name = null;
                    double value = 0;
                    while (entry.more()) {
                        int t = entry.varint32();
                        switch (t) {
                            case 1 << 3 | VARINT -> name = known((int) entry.varint(VARINT));
                            case 1 << 3 | LENGTH_DELIMITED -> name = entry.string(LENGTH_DELIMITED);
                            case 2 << 3 | FIXED64 -> value = Double.longBitsToDouble(entry.fixed64());
                            default -> entry.skip(t & 7);
                        }
                    }
                    if (name != null) {
                        if (readings == null) {
                            readings = new Entries<>();
                        }
                        readings.add(name, value);
                    }
                }
                case INFO, KNOWN_INFO -> {
                    Reader entry = r.message(wire);
                    String name = null;
                    String value = "";
                    while (entry.more()) {
                        int t = entry.varint32();
                        switch (t) {
                            case 1 << 3 | VARINT -> name = known((int) entry.varint(VARINT));
                            case 1 << 3 | LENGTH_DELIMITED -> name = entry.string(LENGTH_DELIMITED);
                            case 2 << 3 | LENGTH_DELIMITED -> value = entry.string(LENGTH_DELIMITED);
                            default -> entry.skip(t & 7);
                        }
                    }
                    if (name != null) {
                        if (info == null) {
                            info = new Entries<>();
                        }
                        info.add(name, value);
                    }
                }
                default -> r.skip(wire);
            }
        }
        return new NodeSample(nodeId, chainId, orgId, polledAtMs, outcome, error,
                readings == null ? null : readings.toMap(), info == null ? null : info.toMap(), unsupported, channel);
    }

    /** A name's number, or null: a number from a newer writer, skipped with its value. */
    private static String known(int number) {
        return number >= 1 && number <= BY_NUMBER.length ? BY_NUMBER[number - 1] : null;
    }

    private static int outcomeNumber(PollOutcome outcome) {
        // the numbers of enum PollOutcome in node_sample.proto (0 is "unspecified", as proto3 wants)
        return switch (outcome) {
            case OK -> 1;
            case TIMEOUT -> 2;
            case REFUSED -> 3;
            case BAD_RESPONSE -> 4;
            case UNSUPPORTED -> 5;
            case ERRORING -> 6;
        };
    }

    private static PollOutcome outcome(int number) {
        return switch (number) {
            case 0 -> null;
            case 1 -> PollOutcome.OK;
            case 2 -> PollOutcome.TIMEOUT;
            case 3 -> PollOutcome.REFUSED;
            case 4 -> PollOutcome.BAD_RESPONSE;
            case 5 -> PollOutcome.UNSUPPORTED;
            case 6 -> PollOutcome.ERRORING;
            default -> throw new IllegalArgumentException("unknown poll outcome " + number);
        };
    }

    /** Appends the wire format to a growing array. */
    private static final class Writer {
        private byte[] buf = new byte[256];
        private int pos;

        void tag(int field, int wire) {
            varint((field << 3) | wire);
        }

        /** A UUID as its canonical text (36 ASCII characters), written without making a {@code String}. */
        void uuid(int field, UUID id) {
            if (id == null) {
                return;
            }
            tag(field, LENGTH_DELIMITED);
            varint(RegistryIds.TEXT_LENGTH);
            room(RegistryIds.TEXT_LENGTH);
            hex(id.getMostSignificantBits() >>> 32, 8);
            buf[pos++] = '-';
            hex(id.getMostSignificantBits() >>> 16, 4);
            buf[pos++] = '-';
            hex(id.getMostSignificantBits(), 4);
            buf[pos++] = '-';
            hex(id.getLeastSignificantBits() >>> 48, 4);
            buf[pos++] = '-';
            hex(id.getLeastSignificantBits(), 12);
        }

        /** The low {@code digits} hex digits of {@code v}, most significant first. */
        private void hex(long v, int digits) {
            for (int i = digits - 1; i >= 0; i--) {
                buf[pos++] = HEX[(int) (v >>> (4 * i)) & 0xF];
            }
        }

        void string(int field, String s) {
            if (s == null) {
                return;
            }
            tag(field, LENGTH_DELIMITED);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            room(utf8.length);
            System.arraycopy(utf8, 0, buf, pos, utf8.length);
            pos += utf8.length;
        }

        /**
         * Starts a length-delimited field whose length is not known yet: one byte is kept for it, which is enough for
         * an entry below 128 bytes; {@link #endMessage} moves the entry when its length needs more.
         */
        int beginMessage(int field) {
            tag(field, LENGTH_DELIMITED);
            room(1);
            return ++pos;
        }

        void endMessage(int start) {
            int length = pos - start;
            if (length < 128) {
                buf[start - 1] = (byte) length;
                return;
            }
            int extra = varintSize(length) - 1;
            room(extra);
            System.arraycopy(buf, start, buf, start + extra, length);
            int end = pos + extra;
            pos = start - 1;
            varint(length);
            pos = end;
        }

        void varint(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        void fixed64(long v) {
            room(8);
            for (int i = 0; i < 8; i++) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        }

        private static int varintSize(int v) {
            int size = 1;
            while ((v & ~0x7F) != 0) {
                size++;
                v >>>= 7;
            }
            return size;
        }

        private void room(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf, pos);
        }
    }

    /** Reads the wire format from a slice of an array. */
    private static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        Reader(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int varint32() {
            long v = varint(VARINT);
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad tag or length at byte " + pos);
            }
            return (int) v;
        }

        long varint(int wire) {
            expect(wire, VARINT);
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw truncated();
                }
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes at byte " + pos);
        }

        long fixed64() {
            if (end - pos < 8) {
                throw truncated();
            }
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (buf[pos++] & 0xFFL) << (8 * i);
            }
            return v;
        }

        /** A UUID from its text (36 characters, hex digits in either case), parsed without making a {@code String}. */
        UUID uuid(int wire) {
            int length = length(wire);
            if (length != RegistryIds.TEXT_LENGTH || buf[pos + 8] != '-' || buf[pos + 13] != '-' || buf[pos + 18] != '-'
                    || buf[pos + 23] != '-') {
                throw new IllegalArgumentException("an id is not a UUID at byte " + pos);
            }
            long msb = hex(pos, 8) << 32 | hex(pos + 9, 4) << 16 | hex(pos + 14, 4);
            long lsb = hex(pos + 19, 4) << 48 | hex(pos + 24, 12);
            pos += length;
            return new UUID(msb, lsb);
        }

        /** {@code digits} hex digits from {@code from}: table lookups, no branch per digit (ids are random hex). */
        private long hex(int from, int digits) {
            long v = 0;
            int bad = 0;
            for (int i = from; i < from + digits; i++) {
                int d = HEX_VALUE[buf[i] & 0xFF];
                bad |= d;
                v = v << 4 | (d & 0xF);
            }
            if (bad < 0) {
                throw new IllegalArgumentException("an id is not a UUID at byte " + from);
            }
            return v;
        }

        String string(int wire) {
            int length = length(wire);
            String s = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        Reader message(int wire) {
            int length = length(wire);
            Reader inner = new Reader(buf, pos, pos + length);
            pos += length;
            return inner;
        }

        void skip(int wire) {
            switch (wire) {
                case VARINT -> varint(VARINT);
                case FIXED64 -> advance(8);
                case LENGTH_DELIMITED -> advance(length(LENGTH_DELIMITED));
                case FIXED32 -> advance(4);
                default -> throw new IllegalArgumentException("unsupported wire type " + wire + " at byte " + pos);
            }
        }

        private int length(int wire) {
            expect(wire, LENGTH_DELIMITED);
            int length = varint32();
            if (length > end - pos) {
                throw truncated();
            }
            return length;
        }

        private void advance(int n) {
            if (n > end - pos) {
                throw truncated();
            }
            pos += n;
        }

        private void expect(int wire, int expected) {
            if (wire != expected) {
                throw new IllegalArgumentException("wire type " + wire + " where " + expected + " belongs, byte "
                        + pos);
            }
        }

        private IllegalArgumentException truncated() {
            return new IllegalArgumentException("sample truncated at byte " + pos);
        }
    }

    /**
     * Name/value pairs in reading order, made into the immutable map {@link NodeSample} keeps (its constructor's copy
     * is then the map itself). A name given twice keeps its last value.
     */
    private static final class Entries<V> {
        @SuppressWarnings("unchecked")
        private Map.Entry<String, V>[] entries = new Map.Entry[12];
        private int size;

        void add(String name, V value) {
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
            }
            entries[size++] = Map.entry(name, value);
        }

        Map<String, V> toMap() {
            try {
                return Map.ofEntries(Arrays.copyOf(entries, size));
            } catch (IllegalArgumentException duplicate) {
                Map<String, V> out = new HashMap<>();
                for (int i = 0; i < size; i++) {
                    out.put(entries[i].getKey(), entries[i].getValue());
                }
                return Map.copyOf(out);
            }
        }
    }
}
