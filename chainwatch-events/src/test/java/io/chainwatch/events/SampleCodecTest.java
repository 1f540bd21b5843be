package io.chainwatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import org.junit.jupiter.api.Test;

class SampleCodecTest {

    private static final UUID NODE = UUID.fromString("8f6c1f7e-2b0a-4f43-9d8e-3c2f1a0b9e77");
    private static final UUID CHAIN = UUID.fromString("0b1e6d1c-58a4-4e8f-b1f4-7d7e2c1f0a33");
    private static final UUID ORG = UUID.fromString("c3d2a4f9-1e77-4b55-8a1d-2f0e9b6c4d11");

    @Test
    void anEthereumSampleComesBackAsItWasSent() {
        Map<String, Double> readings = new HashMap<>();
        readings.put(Readings.BLOCK_HEIGHT, 19_876_543.0);
        readings.put(Readings.HEAD_AGE_SECONDS, 1.25);
        readings.put(Readings.BASE_FEE_WEI, 3.1e10);
        readings.put(Readings.RPC_LATENCY_MS, Double.NaN);
        readings.put(Readings.REORG_DEPTH, -0.0);
        NodeSample sample = new NodeSample(NODE, CHAIN, ORG, 1_765_000_000_123L, PollOutcome.OK, null, readings,
                Map.of(Readings.CLIENT_VERSION, "Geth/v1.14.11-stable/linux-amd64/go1.23.2",
                        Readings.HEAD_HASH, "0x" + "ab".repeat(32)),
                List.of(Readings.TXPOOL_PENDING, Readings.TXPOOL_QUEUED), null);

        NodeSample back = SampleCodec.decode(SampleCodec.encode(sample));

        assertThat(back).isEqualTo(sample);
        assertThat(back.reading(Readings.RPC_LATENCY_MS)).isNaN();
        // a known name is the constant itself, not a copy decoded from the bytes
        assertThat(back.readings().keySet()).anySatisfy(name -> assertThat(name).isSameAs(Readings.BLOCK_HEIGHT));
    }

    @Test
    void aFabricChannelSampleWithUnlistedNamesAndAFailedPollComeBackAsTheyWereSent() {
        Map<String, Double> readings = Map.of(
                "metric.ledger_blockchain_height{channel=\"mychannel\"}", 42.0,
                Readings.FABRIC_CHANNEL_PEERS_PREFIX + "Org1MSP", 2.0,
                Readings.BLOCK_HEIGHT, 42.0);
        NodeSample channel = new NodeSample(NODE, CHAIN, ORG, 5L, PollOutcome.OK, null, readings,
                Map.of("fabric.note", "通道 ünïcödé ✓", Readings.FABRIC_CHAINCODES, "basic:1.0,".repeat(40)), List.of(),
                "mychannel");
        NodeSample failed = new NodeSample(NODE, CHAIN, ORG, 6L, PollOutcome.REFUSED,
                "connection refused: 10.0.0.7:7051", null, null, null, null);
        NodeSample empty = new NodeSample(NODE, CHAIN, ORG, 0L, PollOutcome.ERRORING, "", Map.of(), Map.of(),
                List.of(), "");

        assertThat(SampleCodec.decode(SampleCodec.encode(channel))).isEqualTo(channel);
        assertThat(SampleCodec.decode(SampleCodec.encode(failed))).isEqualTo(failed);
        assertThat(SampleCodec.decode(SampleCodec.encode(empty))).isEqualTo(empty);
    }

    @Test
    void manyReadingsAndLongTextsAreEncodedWithMultiByteLengths() {
        Map<String, Double> readings = new HashMap<>();
        Map<String, String> info = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            readings.put("metric.peer_custom_" + "x".repeat(i % 150) + i, i * 1.5);
            info.put("text." + i, "v".repeat(i * 7));
        }
        NodeSample sample = new NodeSample(NODE, CHAIN, ORG, Long.MAX_VALUE, PollOutcome.TIMEOUT, "e".repeat(20_000),
                readings, info, List.of("a", "b"), null);

        assertThat(SampleCodec.decode(SampleCodec.encode(sample))).isEqualTo(sample);
    }

    @Test
    void jsonIsToldApartByItsFirstByte() {
        NodeSample sample = new NodeSample(NODE, CHAIN, ORG, 5L, PollOutcome.OK, null,
                Map.of(Readings.BLOCK_HEIGHT, 1.0), null, null, null);
        byte[] json = ("{\"nodeId\":\"" + NODE + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(SampleCodec.isJson(json)).isTrue();
        assertThat(SampleCodec.isJson(SampleCodec.encode(sample))).isFalse();
        assertThat(SampleCodec.read(json, bytes -> sample)).isSameAs(sample);
        assertThat(SampleCodec.read(SampleCodec.encode(sample), bytes -> null)).isEqualTo(sample);
    }

    @Test
    void malformedBytesAreRefusedWithAReason() {
        byte[] good = SampleCodec.encode(new NodeSample(NODE, CHAIN, ORG, 5L, PollOutcome.OK, null,
                Map.of(Readings.BLOCK_HEIGHT, 1.0), null, null, null));

        assertThatThrownBy(() -> SampleCodec.decode(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        // field 1 (node id) as a varint instead of text
        assertThatThrownBy(() -> SampleCodec.decode(new byte[] {0x08, 0x01}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wire type");
        // outcome 9: a value this version does not know
        assertThatThrownBy(() -> SampleCodec.decode(new byte[] {0x28, 0x09}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown poll outcome 9");
        assertThatThrownBy(() -> SampleCodec.decode(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsTravelAsTheTextOfTheirUuidAndAnythingElseIsRefused() throws Exception {
        // every hex digit in every position, both ends of the range
        for (UUID id : List.of(new UUID(0, 0), new UUID(-1, -1),
                UUID.fromString("01234567-89ab-cdef-fedc-ba9876543210"), UUID.randomUUID())) {
            NodeSample sample = new NodeSample(id, id, id, 1L, PollOutcome.OK, null, null, null, null, null);
            byte[] bytes = SampleCodec.encode(sample);
            assertThat(new String(bytes, StandardCharsets.US_ASCII)).contains(id.toString());
            assertThat(SampleCodec.decode(bytes)).isEqualTo(sample);
        }
        Descriptor descriptor = nodeSampleDescriptor();
        FieldDescriptor nodeId = descriptor.findFieldByName("node_id");
        // another writer's upper-case text is the same id
        byte[] upper = DynamicMessage.newBuilder(descriptor).setField(nodeId, NODE.toString().toUpperCase(Locale.ROOT))
                .build().toByteArray();
        assertThat(SampleCodec.decode(upper).nodeId()).isEqualTo(NODE);
        for (String bad : List.of("node-1", NODE + "0", NODE.toString().replace('-', '_'),
                NODE.toString().replace('f', 'g'))) {
            byte[] bytes = DynamicMessage.newBuilder(descriptor).setField(nodeId, bad).build().toByteArray();
            assertThatThrownBy(() -> SampleCodec.decode(bytes)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a UUID");
        }
    }

    @Test
    void fieldsAndNameNumbersFromANewerWriterAreSkipped() throws Exception {
        NodeSample sample = new NodeSample(NODE, CHAIN, ORG, 5L, PollOutcome.OK, null,
                Map.of(Readings.BLOCK_HEIGHT, 7.0), null, null, null);
        Descriptor descriptor = nodeSampleDescriptor();
        Message.Builder newer = DynamicMessage.newBuilder(descriptor);
        newer.mergeFrom(SampleCodec.encode(sample));
        Descriptor entry = descriptor.findFieldByName("known_readings").getMessageType();
        newer.addRepeatedField(descriptor.findFieldByName("known_readings"),
                DynamicMessage.newBuilder(entry).setField(entry.findFieldByName("key"), 9_999)
                        .setField(entry.findFieldByName("value"), 1.0).build());
        byte[] bytes = newer.build().toByteArray();
        // and a field 40 of every wire type this reader may meet: varint, fixed64, text, fixed32
        byte[] extra = {(byte) 0xC0, 0x02, 0x05, (byte) 0xC1, 0x02, 1, 2, 3, 4, 5, 6, 7, 8, (byte) 0xC2, 0x02, 0x01, 0x41,
                (byte) 0xC5, 0x02, 1, 2, 3, 4};
        byte[] all = Arrays.copyOf(bytes, bytes.length + extra.length);
        System.arraycopy(extra, 0, all, bytes.length, extra.length);

        assertThat(SampleCodec.decode(all)).isEqualTo(sample);
    }

    @Test
    void aProtocolBuffersLibraryReadsTheBinaryFormWithTheShippedSchema() throws Exception {
        NodeSample sample = new NodeSample(NODE, CHAIN, ORG, 1_765_000_000_123L, PollOutcome.BAD_RESPONSE, "bad",
                Map.of(Readings.BLOCK_HEIGHT, 12.0, "metric.custom", 0.5), Map.of(Readings.CLIENT_VERSION, "anvil/1.0",
                        "cdc.source", "settlements"), List.of(Readings.PEER_COUNT), "ch1");
        Descriptor descriptor = nodeSampleDescriptor();

        DynamicMessage message = DynamicMessage.parseFrom(descriptor, SampleCodec.encode(sample));

        assertThat(message.getUnknownFields().asMap()).isEmpty();
        assertThat(message.getField(descriptor.findFieldByName("node_id"))).isEqualTo(NODE.toString());
        assertThat(message.getField(descriptor.findFieldByName("chain_id"))).isEqualTo(CHAIN.toString());
        assertThat(message.getField(descriptor.findFieldByName("org_id"))).isEqualTo(ORG.toString());
        assertThat(message.getField(descriptor.findFieldByName("polled_at_ms"))).isEqualTo(1_765_000_000_123L);
        assertThat(message.getField(descriptor.findFieldByName("outcome")).toString()).isEqualTo("BAD_RESPONSE");
        assertThat(message.getField(descriptor.findFieldByName("error"))).isEqualTo("bad");
        assertThat(message.getField(descriptor.findFieldByName("channel"))).isEqualTo("ch1");
        assertThat(message.getField(descriptor.findFieldByName("unsupported"))).isEqualTo(List.of(Readings.PEER_COUNT));
        assertThat(entries(message, "readings")).isEqualTo(Map.of("metric.custom", 0.5));
        assertThat(entries(message, "info")).isEqualTo(Map.of("cdc.source", "settlements"));
        int height = SampleCodec.KNOWN_NAMES.indexOf(Readings.BLOCK_HEIGHT) + 1;
        int version = SampleCodec.KNOWN_NAMES.indexOf(Readings.CLIENT_VERSION) + 1;
        assertThat(entries(message, "known_readings")).isEqualTo(Map.of(height, 12.0));
        assertThat(entries(message, "known_info")).isEqualTo(Map.of(version, "anvil/1.0"));

        // and back: what the library writes, the codec reads
        assertThat(SampleCodec.decode(message.toByteArray())).isEqualTo(sample);
    }

    @Test
    void theShippedSchemaDeclaresTheFieldsAndNumbersTheCodecUses() throws Exception {
        String proto;
        try (InputStream in = SampleCodec.class.getResourceAsStream("/chainwatch/v1/node_sample.proto")) {
            assertThat(in).as("node_sample.proto in the jar").isNotNull();
            proto = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (FieldDescriptor field : nodeSampleDescriptor().getFields()) {
            String type = field.isMapField()
                    ? "map<" + typeName(field.getMessageType().findFieldByName("key")) + ", "
                    + typeName(field.getMessageType().findFieldByName("value")) + ">"
                    : (field.isRepeated() ? "repeated " : "") + typeName(field);
            assertThat(proto).contains("  " + type + " " + field.getName() + " = " + field.getNumber() + ";");
        }
        for (PollOutcome outcome : PollOutcome.values()) {
            int number = outcome.ordinal() + 1;
            assertThat(proto).contains("  " + outcome.name() + " = " + number + ";");
        }
        assertThat(SampleCodec.KNOWN_NAMES.subList(0, 3))
                .containsExactly(Readings.BLOCK_HEIGHT, Readings.HEAD_TIMESTAMP_SECONDS, Readings.HEAD_AGE_SECONDS);
        assertThat(proto).contains("(1 block.height, 2 head.timestamp.seconds, 3 head.age.seconds, ...)");
    }

    private static String typeName(FieldDescriptor field) {
        return switch (field.getType()) {
            case STRING -> "string";
            case INT64 -> "int64";
            case UINT32 -> "uint32";
            case DOUBLE -> "double";
            case ENUM -> field.getEnumType().getName();
            default -> throw new IllegalStateException(field.getType().name());
        };
    }

    private static Map<Object, Object> entries(DynamicMessage message, String field) {
        Map<Object, Object> out = new HashMap<>();
        for (Object o : (List<?>) message.getField(message.getDescriptorForType().findFieldByName(field))) {
            Message entry = (Message) o;
            Descriptor type = entry.getDescriptorForType();
            out.put(entry.getField(type.findFieldByName("key")), entry.getField(type.findFieldByName("value")));
        }
        return out;
    }

    /** {@code chainwatch.v1.NodeSample} as node_sample.proto declares it, built as protoc would describe it. */
    private static Descriptor nodeSampleDescriptor() throws Exception {
        DescriptorProto.Builder sample = DescriptorProto.newBuilder().setName("NodeSample")
                .addField(scalar("node_id", 1, Type.TYPE_STRING))
                .addField(scalar("chain_id", 2, Type.TYPE_STRING))
                .addField(scalar("org_id", 3, Type.TYPE_STRING))
                .addField(scalar("polled_at_ms", 4, Type.TYPE_INT64))
                .addField(scalar("outcome", 5, Type.TYPE_ENUM).setTypeName(".chainwatch.v1.PollOutcome"))
                .addField(scalar("error", 6, Type.TYPE_STRING))
                .addField(map("readings", 7, "ReadingsEntry"))
                .addField(map("info", 8, "InfoEntry"))
                .addField(scalar("unsupported", 9, Type.TYPE_STRING).setLabel(Label.LABEL_REPEATED))
                .addField(scalar("channel", 10, Type.TYPE_STRING))
                .addField(map("known_readings", 11, "KnownReadingsEntry"))
                .addField(map("known_info", 12, "KnownInfoEntry"))
                .addNestedType(entry("ReadingsEntry", Type.TYPE_STRING, Type.TYPE_DOUBLE))
                .addNestedType(entry("InfoEntry", Type.TYPE_STRING, Type.TYPE_STRING))
                .addNestedType(entry("KnownReadingsEntry", Type.TYPE_UINT32, Type.TYPE_DOUBLE))
                .addNestedType(entry("KnownInfoEntry", Type.TYPE_UINT32, Type.TYPE_STRING));
        EnumDescriptorProto.Builder outcome = EnumDescriptorProto.newBuilder().setName("PollOutcome")
                .addValue(EnumValueDescriptorProto.newBuilder().setName("POLL_OUTCOME_UNSPECIFIED").setNumber(0));
        for (PollOutcome o : PollOutcome.values()) {
            outcome.addValue(EnumValueDescriptorProto.newBuilder().setName(o.name()).setNumber(o.ordinal() + 1));
        }
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("chainwatch/v1/node_sample.proto")
                .setPackage("chainwatch.v1").setSyntax("proto3").addMessageType(sample).addEnumType(outcome).build();
        return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("NodeSample");
    }

    private static FieldDescriptorProto.Builder scalar(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL);
    }

    private static FieldDescriptorProto.Builder map(String name, int number, String entryName) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(Type.TYPE_MESSAGE)
                .setLabel(Label.LABEL_REPEATED).setTypeName(".chainwatch.v1.NodeSample." + entryName);
    }

    private static DescriptorProto entry(String name, Type key, Type value) {
        return DescriptorProto.newBuilder().setName(name)
                .addField(scalar("key", 1, key)).addField(scalar("value", 2, value))
                .setOptions(MessageOptions.newBuilder().setMapEntry(true)).build();
    }
}
