package io.chainwatch.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With Boot's auto-configuration, {@code /actuator/prometheus} ({@link PrometheusScrapeEndpoint}) scrapes the
 * {@link PrometheusRegistry} bean, the one under the {@link PrometheusMeterRegistry}; {@link NodeMetrics} registers
 * its per-node series there, so the endpoint shows them (and Micrometer's meters, the poll counter, beside them).
 */
class NodeMetricsEndpointTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=prometheus")
            .withBean(NodeMetrics.class);

    @Test
    void theEndpointShowsThePerNodeSeriesAsCaptured() {
        context.run(ctx -> {
            assertThat(ctx).hasSingleBean(PrometheusScrapeEndpoint.class).hasSingleBean(NodeMetrics.class);
            assertThat(ctx.getBean(MeterRegistry.class)).isInstanceOf(PrometheusMeterRegistry.class);
            assertThat(ctx.getBean(PrometheusMeterRegistry.class).getPrometheusRegistry())
                    .isSameAs(ctx.getBean(PrometheusRegistry.class));
            NodeMetricsExpositionTest.feed(ctx.getBean(NodeMetrics.class));
            PrometheusScrapeEndpoint endpoint = ctx.getBean(PrometheusScrapeEndpoint.class);
            NodeMetricsExpositionTest.assertSameExposition(
                    onlyChainwatch(scrape(endpoint, PrometheusOutputFormat.CONTENT_TYPE_004)),
                    NodeMetricsExpositionTest.expected("exposition/text-0.0.4.txt"));
            NodeMetricsExpositionTest.assertSameExposition(
                    onlyChainwatch(scrape(endpoint, PrometheusOutputFormat.CONTENT_TYPE_OPENMETRICS_100)),
                    NodeMetricsExpositionTest.expected("exposition/openmetrics-1.0.0.txt"));
        });
    }

    @Test
    void theSeriesLeaveTheRegistryWithTheContext() {
        PrometheusRegistry[] registry = new PrometheusRegistry[1];
        context.run(ctx -> {
            registry[0] = ctx.getBean(PrometheusRegistry.class);
            NodeMetricsExpositionTest.feed(ctx.getBean(NodeMetrics.class));
            assertThat(registry[0].scrape(name -> name.equals("chainwatch_node_up")).size()).isEqualTo(1);
        });
        assertThat(registry[0].scrape(name -> name.equals("chainwatch_node_up")).size()).isZero();
    }

    private static String scrape(PrometheusScrapeEndpoint endpoint, PrometheusOutputFormat format) {
        return new String(endpoint.scrape(format, null).getBody(), StandardCharsets.UTF_8);
    }

    /** The chainwatch families (the context adds JVM and other meters that the captured text has not). */
    private static String onlyChainwatch(String scrape) {
        StringBuilder kept = new StringBuilder();
        boolean keep = false;
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                keep = line.split(" ")[2].startsWith("chainwatch_");
            } else if (line.equals("# EOF")) {
                keep = true;
            }
            if (keep) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }
}
