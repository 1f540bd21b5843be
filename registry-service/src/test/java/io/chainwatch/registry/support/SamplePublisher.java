package io.chainwatch.registry.support;

import java.util.Map;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes samples to {@code chainwatch.samples} of the embedded broker as the collector does (key = chain id, the
 * sample in its binary form), or as JSON, as collectors did before.
 */
public final class SamplePublisher implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RegistryTestBase.kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));

    /** Sends the sample and waits for the broker's acknowledgement. */
    public void publish(NodeSample sample) {
        send(sample, SampleCodec.encode(sample));
    }

    /** Sends the sample's JSON, as a collector before the binary form did, and waits for the acknowledgement. */
    public void publishAsJson(NodeSample sample) {
        send(sample, JSON.writeValueAsBytes(sample));
    }

    private void send(NodeSample sample, byte[] value) {
        try {
            String key = sample.chainId() == null ? null : sample.chainId().toString();
            producer.send(new ProducerRecord<>(Topics.SAMPLES, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
