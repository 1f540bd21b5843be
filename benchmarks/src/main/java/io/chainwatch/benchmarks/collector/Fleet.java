package io.chainwatch.benchmarks.collector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Topics;
import io.chainwatch.local.ServiceProcess;
import io.chainwatch.testkit.FreePorts;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

import static io.chainwatch.testkit.Ids.id;

/**
 * What the fleet benchmarks share: an embedded Kafka broker, emulated nodes, collector-service processes (the
 * runnable jar, as the local stack runs it), targets published to {@code chainwatch.targets}, and the collector's own
 * counters read from {@code /actuator/prometheus}.
 */
final class Fleet implements AutoCloseable {

    final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
    final EmulatedNodes nodes = new EmulatedNodes(2);
    final List<ServiceProcess> collectors = new ArrayList<>();
    private final Path repo = Path.of("").toAbsolutePath();
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    Fleet(Path logs) {
        this.logs = logs;
        broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
    }

    ServiceProcess startCollector(String... properties) {
        return startCollector(ServiceProcess.COLLECTOR_JVM_OPTIONS, properties);
    }

    /** A collector-service process with other JVM options than the local stack's. */
    ServiceProcess startCollector(List<String> jvmOptions, String... properties) {
        List<String> props = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString()));
        props.addAll(List.of(properties));
        ServiceProcess collector = ServiceProcess.of(repo, "collector-service", FreePorts.next(), props,
                logs.resolve("collector-" + collectors.size()), jvmOptions);
        collector.start();
        collector.awaitHealthy(Duration.ofMinutes(2));
        collectors.add(collector);
        return collector;
    }

    /** Publishes {@code count} targets (node-0 …), each an emulated node polled every {@code intervalMs}. */
    void publishTargets(int count, long intervalMs) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < count; i++) {
                String name = "node-" + i;
                NodeTarget target = new NodeTarget(id(name), name, id("org-1"), "bench", id("chain-" + (i % 50)),
                        "bench-" + (i % 50), "ETHEREUM", nodes.url(i), intervalMs, 1, null, null, null);
                producer.send(new ProducerRecord<>(Topics.TARGETS, target.nodeId().toString(),
                        json.writeValueAsString(target)));
            }
            producer.flush();
        }
    }

    /** Sum of the samples of a metric (all its label sets matching {@code labelFilter}) in a collector's scrape. */
    double metric(ServiceProcess collector, String name, String labelFilter) throws IOException, InterruptedException {
        return metric(scrape(collector), name, labelFilter);
    }

    /**
     * One scrape of a collector's {@code /actuator/prometheus} (with thousands of nodes, one scrape costs the
     * collector a noticeable share of a core: take several metrics from one).
     */
    String scrape(ServiceProcess collector) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(
                URI.create(collector.managementUrl() + "/actuator/prometheus")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sum of the samples of a metric (all its label sets matching {@code labelFilter}) in a scrape. */
    static double metric(String scrape, String name, String labelFilter) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        double sum = 0;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (labelFilter == null || labels.contains(labelFilter)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    /**
     * One meter's value from {@code /actuator/metrics/{name}} (the collector must expose that endpoint, e.g. started
     * with {@code --management.endpoints.web.exposure.include=health,info,prometheus,metrics}): unlike a scrape of
     * every node's gauges, a few milliseconds, so the value is read at a well-known moment. {@code tag} is
     * {@code key:value} or null.
     */
    double meter(ServiceProcess collector, String name, String tag) throws IOException, InterruptedException {
        String url = collector.managementUrl() + "/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return json.readTree(response.body()).path("measurements").get(0).path("value").asDouble();
    }

    /** Every sample of a metric in a scrape (one per label set), NaN left out. */
    static double[] values(String scrape, String name) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        List<Double> values = new ArrayList<>();
        while (m.find()) {
            double v = Double.parseDouble(m.group(2));
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void close() {
        collectors.forEach(ServiceProcess::close);
        nodes.close();
        broker.destroy();
    }
}
