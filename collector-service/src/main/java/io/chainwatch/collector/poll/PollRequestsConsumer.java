package io.chainwatch.collector.poll;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.events.PollRequest;
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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Immediate polls asked for on {@code chainwatch.poll-requests} ({@link PollRequest}, key = chain id). Every collector
 * instance reads every request: its own consumer, assigned all partitions of the topic (no consumer group, nothing
 * committed) and starting at their end, since only requests made from now on matter. A request older than
 * {@link #MAX_AGE} when it arrives is ignored (the regular poll is as fresh by then); otherwise the listed nodes, or all
 * of the chain's when the list is empty, that this instance polls are polled at once ({@link PollScheduler#pollNow}),
 * a poll in flight standing for the new one. The samples are ordinary samples on {@code chainwatch.samples}.
 */
@Component
public class PollRequestsConsumer implements InitializingBean, DisposableBean {

    /** Requests older than this when they arrive are ignored. */
    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(PollRequestsConsumer.class);

    private final PollScheduler scheduler;
    private final JsonMapper json;
    private final Map<String, Object> config;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;
    private Thread thread;

    public PollRequestsConsumer(PollScheduler scheduler, JsonMapper json, KafkaProperties kafka) {
        this.scheduler = scheduler;
        this.json = json;
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "chainwatch-collector-poll-requests");
        this.config = config;
    }

    @Override
    public void afterPropertiesSet() {
        thread = new Thread(this::run, "poll-requests");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(config)) {
            consumer = kafka;
            if (!running) {
                return;
            }
            List<TopicPartition> partitions = partitions(kafka);
            kafka.assign(partitions);
            kafka.seekToEnd(partitions);
            partitions.forEach(kafka::position); // fixes "the end" now: requests made from here on are read
            log.info("reading immediate poll requests from {} partitions of {}", partitions.size(), Topics.POLL_REQUESTS);
            while (running) {
                for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofSeconds(1))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                log.error("immediate poll requests are no longer read", e);
            }
        }
    }

    /** Every partition of the topic, once it exists (the collector declares it; another service may be first). */
    private List<TopicPartition> partitions(KafkaConsumer<String, String> kafka) {
        while (running) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(Topics.POLL_REQUESTS, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.debug("no metadata for {} yet (Kafka unreachable?); asking again", Topics.POLL_REQUESTS);
            }
        }
        throw new WakeupException();
    }

    void handle(ConsumerRecord<String, String> record) {
        PollRequest request;
        try {
            request = json.readValue(record.value(), PollRequest.class);
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("unreadable poll request at {}-{}@{} skipped", record.topic(), record.partition(), record.offset());
            return;
        }
        if (request == null || request.chainId() == null) {
            return;
        }
        long age = System.currentTimeMillis() - request.requestedAtMs();
        if (age > MAX_AGE.toMillis()) {
            log.debug("poll request for chain {} ({}) ignored: {} ms old", request.chainId(), request.reason(), age);
            return;
        }
        int started = scheduler.pollNow(request.chainId(), request.nodeIds());
        log.debug("poll request for chain {} ({}): {} polls started", request.chainId(), request.reason(), started);
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }
}
