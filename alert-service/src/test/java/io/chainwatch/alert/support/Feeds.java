package io.chainwatch.alert.support;

import io.chainwatch.testkit.SharedServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes targets and samples to Kafka with a real producer, as the registry and collector do (targets as JSON, samples
 * in their binary form).
 */
public final class Feeds implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder().build();
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    public Feeds() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public void target(NodeTarget target) {
        send(Topics.TARGETS, target.nodeId().toString(), json.writeValueAsBytes(target));
    }

    public void deleteTarget(UUID nodeId) {
        send(Topics.TARGETS, nodeId.toString(), null);
    }

    public void sample(NodeSample sample) {
        send(Topics.SAMPLES, sample.chainId().toString(), SampleCodec.encode(sample));
    }

    /** The sample as JSON, as collectors wrote it before the binary form. */
    public void sampleAsJson(NodeSample sample) {
        send(Topics.SAMPLES, sample.chainId().toString(), json.writeValueAsBytes(sample));
    }

    public void raw(String topic, String key, String value) {
        send(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public void raw(String topic, String key, byte[] value) {
        send(topic, key, value);
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    /** Sends {@code next.get()} every {@code period} (skipping nulls) until {@link #close()}. */
    public void every(Duration period, Supplier<NodeSample> next) {
        every(period, next, s -> false);
    }

    /** As {@link #every(Duration, Supplier)}, sending the samples that {@code asJson} picks as JSON. */
    public void every(Duration period, Supplier<NodeSample> next, Predicate<NodeSample> asJson) {
        timer.scheduleAtFixedRate(() -> {
            try {
                NodeSample s = next.get();
                if (s != null && asJson.test(s)) {
                    sampleAsJson(s);
                } else if (s != null) {
                    sample(s);
                }
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static NodeSample ok(NodeTarget t, long height) {
        Map<String, Double> readings = new HashMap<>();
        readings.put(Readings.BLOCK_HEIGHT, (double) height);
        readings.put(Readings.HEAD_AGE_SECONDS, 1.0);
        return new NodeSample(t.nodeId(), t.chainId(), t.orgId(), System.currentTimeMillis(), PollOutcome.OK, null,
                readings, Map.of(), List.of(), null);
    }

    public static NodeSample failed(NodeTarget t, PollOutcome outcome, String error) {
        return new NodeSample(t.nodeId(), t.chainId(), t.orgId(), System.currentTimeMillis(), outcome, error,
                Map.of(), Map.of(), List.of(), null);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
