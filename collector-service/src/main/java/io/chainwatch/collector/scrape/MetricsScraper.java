package io.chainwatch.collector.scrape;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.collector.CollectorProperties;
import io.chainwatch.collector.poll.NodeProbe;
import io.chainwatch.collector.poll.ProbeDecorator;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Readings;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scrapes the metrics endpoint of every node that has one ({@link NodeTarget#metricsUrl()}) after its poll and folds
 * the selected series into the node's own sample (the first of the poll), with {@link Readings#METRICS_SCRAPE_OK}.
 * For a Fabric node whose metrics URL ends in {@code /metrics}, the operations {@code /healthz} beside it gives
 * {@link Readings#HEALTH_OK} and the failed checks. Same timeout and answer size limit as a poll. A failed scrape
 * never fails the poll: the chain's own answer decides the sample's outcome.
 */
@Component
public class MetricsScraper implements ProbeDecorator, DisposableBean {

    private final OkHttpClient http;
    private final long maxBytes;
    private final JsonMapper json = JsonMapper.builder().build();

    public MetricsScraper(CollectorProperties properties) {
        Duration timeout = properties.pollTimeout();
        this.http = new OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout)
                .callTimeout(timeout).retryOnConnectionFailure(false)
                // the metrics URL is the node's: a redirect elsewhere is a failed scrape, never followed
                .followRedirects(false).followSslRedirects(false).build();
        this.maxBytes = properties.maxResponseBytes().toBytes();
    }

    @Override
    public NodeProbe decorate(NodeTarget target, NodeProbe probe) {
        if (target.metricsUrl() == null || target.metricsUrl().isBlank()) {
            return probe;
        }
        HttpUrl metrics = HttpUrl.parse(target.metricsUrl());
        HttpUrl health = metrics != null && "FABRIC".equalsIgnoreCase(target.platform())
                && metrics.encodedPath().endsWith("/metrics")
                ? metrics.newBuilder().encodedPath(metrics.encodedPath().replaceAll("/metrics$", "/healthz")).build()
                : null;
        return new NodeProbe() {
            @Override
            public NodeSample poll(long polledAtMs) {
                return pollAll(polledAtMs).get(0);
            }

            @Override
            public List<NodeSample> pollAll(long polledAtMs) {
                List<NodeSample> samples = new ArrayList<>(probe.pollAll(polledAtMs));
                if (!samples.isEmpty()) {
                    samples.set(0, fold(samples.get(0), metrics, target.metricsUrl(), health));
                }
                return samples;
            }

            @Override
            public void close() {
                probe.close();
            }
        };
    }

    /** The sample with the scraped readings added. */
    NodeSample fold(NodeSample sample, HttpUrl metrics, String metricsUrl, HttpUrl health) {
        Map<String, Double> readings = new HashMap<>(sample.readings());
        Map<String, String> info = new HashMap<>(sample.info());
        if (metrics == null) {
            readings.put(Readings.METRICS_SCRAPE_OK, 0.0);
            info.put(Readings.METRICS_SCRAPE_ERROR, "\"" + io.chainwatch.security.SecretUrls.mask(metricsUrl) + "\" is not an http(s) URL");
        } else {
            try {
                Fetched fetched = fetch(metrics);
                if (fetched.status() != 200) {
                    throw new IOException("HTTP status " + fetched.status());
                }
                readings.putAll(SeriesSelection.readings(PrometheusText.parse(fetched.body()).series()));
                readings.put(Readings.METRICS_SCRAPE_OK, 1.0);
            } catch (IOException e) {
                readings.put(Readings.METRICS_SCRAPE_OK, 0.0);
                info.put(Readings.METRICS_SCRAPE_ERROR, io.chainwatch.security.SecretUrls.mask(metricsUrl) + ": " + describe(e));
            }
        }
        if (health != null) {
            readHealth(health, readings, info);
        }
        return new NodeSample(sample.nodeId(), sample.chainId(), sample.orgId(), sample.polledAtMs(), sample.outcome(),
                sample.error(), readings, info, sample.unsupported(), sample.channel());
    }

    /** Fabric operations {@code /healthz}: 200 {"status":"OK"}, or 503 with {"failed_checks":[{"component":...}]}. */
    private void readHealth(HttpUrl url, Map<String, Double> readings, Map<String, String> info) {
        try {
            Fetched fetched = fetch(url);
            JsonNode body = json.readTree(fetched.body());
            boolean ok = fetched.status() == 200 && "OK".equals(body.path("status").asString(""));
            readings.put(Readings.HEALTH_OK, ok ? 1.0 : 0.0);
            List<String> failed = new ArrayList<>();
            for (JsonNode check : body.path("failed_checks")) {
                failed.add(check.path("component").asString("?"));
            }
            if (!failed.isEmpty()) {
                info.put(Readings.HEALTH_FAILED_CHECKS, String.join(",", failed));
            }
        } catch (IOException | JacksonException e) {
            // no usable answer from the health endpoint: not healthy, and why
            readings.put(Readings.HEALTH_OK, 0.0);
            info.put(Readings.HEALTH_FAILED_CHECKS, "healthz unusable: " + url + " (" + describe(e) + ")");
        }
    }

    private record Fetched(int status, String body) {
    }

    private Fetched fetch(HttpUrl url) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            ResponseBody body = response.body();
            if (body == null) {
                return new Fetched(response.code(), "");
            }
            BufferedSource source = body.source();
            if (source.request(maxBytes + 1)) {
                throw new IOException("answer larger than " + maxBytes + " bytes");
            }
            return new Fetched(response.code(), source.getBuffer().readString(StandardCharsets.UTF_8));
        }
    }

    private static String describe(Exception e) {
        if (e instanceof InterruptedIOException) {
            return "no answer in time";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void destroy() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
