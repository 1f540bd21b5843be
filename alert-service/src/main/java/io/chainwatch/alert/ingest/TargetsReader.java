package io.chainwatch.alert.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.chainwatch.alert.AlertProperties;
import io.chainwatch.alert.pipeline.EvaluationService;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.RegistryIds;
import io.chainwatch.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads all of {@code chainwatch.targets} from the beginning, without a consumer group (nothing committed), on
 * one thread, and keeps reading. A tombstone means the node was deleted. New partitions are picked up every
 * {@code targets-partition-recheck}.
 */
@Component
public class TargetsReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TargetsReader.class);

    private final KafkaProperties kafka;
    private final JsonMapper json;
    private final EvaluationService evaluation;
    private final AlertProperties properties;
    private final KnownChains knownChains;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public TargetsReader(KafkaProperties kafka, JsonMapper json, EvaluationService evaluation,
                         AlertProperties properties, KnownChains knownChains) {
        this.knownChains = knownChains;
        this.kafka = kafka;
        this.json = json;
        this.evaluation = evaluation;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "chainwatch-alert-targets");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        running = true;
        thread = new Thread(this::run, "targets-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Set<TopicPartition> assigned = Set.of();
        long nextRecheck = 0;
        try {
            while (running) {
                if (System.currentTimeMillis() >= nextRecheck) {
                    assigned = reassign(assigned);
                    nextRecheck = System.currentTimeMillis()
                            + (assigned.isEmpty() ? 1000 : properties.targetsPartitionRecheck().toMillis());
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(200);
                    continue;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            if (running) {
                log.error("Targets reader stopped unexpectedly", e);
            }
        } catch (RuntimeException e) {
            log.error("Targets reader failed", e);
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    /** Assigns every partition of the topic; new ones are read from the beginning. */
    private Set<TopicPartition> reassign(Set<TopicPartition> current) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(Topics.TARGETS, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            if (e instanceof WakeupException w) {
                throw w;
            }
            log.warn("Could not list the partitions of {}: {}", Topics.TARGETS, e.toString());
            return current;
        }
        Set<TopicPartition> all = infos == null ? Set.of() : infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toUnmodifiableSet());
        if (all.equals(current) || all.isEmpty()) {
            return current;
        }
        consumer.assign(all);
        List<TopicPartition> added = all.stream().filter(tp -> !current.contains(tp)).toList();
        consumer.seekToBeginning(added);
        log.info("Reading {} partition(s) of {} from the beginning", all.size(), Topics.TARGETS);
        return all;
    }

    private void handle(ConsumerRecord<String, String> record) {
        try {
            if (record.value() == null) {
                if (record.key() != null) {
                    evaluation.onTargetRemoved(RegistryIds.parse(record.key())); // a key that is no UUID: logged below
                }
                return;
            }
            NodeTarget target = json.readValue(record.value(), NodeTarget.class);
            if (target.nodeId() == null || target.chainId() == null) {
                log.warn("Skipping target without nodeId or chainId at {}-{}@{}", record.topic(), record.partition(),
                        record.offset());
                return;
            }
            knownChains.seen(target);
            evaluation.onTarget(target);
        } catch (JacksonException e) {
            log.warn("Skipping malformed target at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getOriginalMessage());
        } catch (RuntimeException e) {
            log.warn("Skipping target at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
