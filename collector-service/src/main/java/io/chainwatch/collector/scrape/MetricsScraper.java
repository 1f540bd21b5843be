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
        boolean fabric = "FABRIC".equalsIgnoreCase(target.platform());
        HttpUrl version = health == null ? null
                : metrics.newBuilder().encodedPath(metrics.encodedPath().replaceAll("/metrics$", "/version")).build();
        Scrapes state = new Scrapes();
        return new NodeProbe() {
            @Override
            public NodeSample poll(long polledAtMs) {
                return pollAll(polledAtMs).get(0);
            }

            @Override
            public synchronized List<NodeSample> pollAll(long polledAtMs) {
                List<NodeSample> samples = new ArrayList<>(probe.pollAll(polledAtMs));
                if (!samples.isEmpty()) {
                    samples.set(0, fold(samples.get(0), metrics, target.metricsUrl(), health, version, state));
                    if (fabric) {
                        for (int i = 1; i < samples.size(); i++) {
                            samples.set(i, foldChannel(samples.get(i), state));
                        }
                    }
                    state.endorsedBefore = state.endorsed;
                }
                return samples;
            }

            @Override
            public void close() {
                probe.close();
            }
        };
    }

    /** What one node's decorator keeps between polls. */
    static final class Scrapes {
        /** The previous scrape's readings (histogram means need them). */
        Map<String, Double> previous = Map.of();
        /** Fabric peer: successful endorsements by channel at this scrape and the previous one; null: no scrape. */
        Map<String, Double> endorsed;
        Map<String, Double> endorsedBefore;
        /** The operations {@code /version}'s {@code Version}, read once while the endpoint answers. */
        String version;
    }

    /** The sample with the scraped readings added (without state between polls: no means, no version). */
    NodeSample fold(NodeSample sample, HttpUrl metrics, String metricsUrl, HttpUrl health) {
        return fold(sample, metrics, metricsUrl, health, null, new Scrapes());
    }

    /**
     * A Fabric peer's channel sample with {@link Readings#FABRIC_PROPOSALS_ENDORSED}: the growth of the channel's
     * successful endorsements between the previous scrape and this one (absent at the first, and when the counter
     * went down: the peer restarted).
     */
    NodeSample foldChannel(NodeSample sample, Scrapes state) {
        if (sample.channel() == null || state.endorsedBefore == null || state.endorsed == null) {
            return sample;
        }
        Double now = state.endorsed.get(sample.channel());
        double current = now == null ? 0 : now;
        double before = state.endorsedBefore.getOrDefault(sample.channel(), 0.0);
        if (current < before) {
            return sample;
        }
        Map<String, Double> readings = new HashMap<>(sample.readings());
        readings.put(Readings.FABRIC_PROPOSALS_ENDORSED, current - before);
        return new NodeSample(sample.nodeId(), sample.chainId(), sample.orgId(), sample.polledAtMs(), sample.outcome(),
                sample.error(), readings, sample.info(), sample.unsupported(), sample.channel());
    }

    /** The sample with the scraped readings added. */
    NodeSample fold(NodeSample sample, HttpUrl metrics, String metricsUrl, HttpUrl health, HttpUrl version,
                    Scrapes state) {
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
                List<PrometheusText.Series> series = PrometheusText.parse(fetched.body()).series();
                Map<String, Double> selected = SeriesSelection.readings(series);
                readings.putAll(selected);
                readings.putAll(SeriesSelection.means(state.previous, selected));
                state.previous = selected;
                state.endorsed = SeriesSelection.endorsedByChannel(series);
                readings.put(Readings.METRICS_SCRAPE_OK, 1.0);
            } catch (IOException e) {
                readings.put(Readings.METRICS_SCRAPE_OK, 0.0);
                info.put(Readings.METRICS_SCRAPE_ERROR, io.chainwatch.security.SecretUrls.mask(metricsUrl) + ": " + describe(e));
                state.previous = Map.of();
                state.endorsed = null;
                state.version = null; // read again when the node is back: it may have been upgraded
            }
        }
        if (version != null && state.version == null && readings.get(Readings.METRICS_SCRAPE_OK) == 1.0) {
            state.version = readVersion(version);
        }
        if (state.version != null) {
            info.put(Readings.CLIENT_VERSION, state.version);
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

    /** Fabric operations {@code /version}: {@code {"CommitSHA":"...","Version":"2.5.5"}}; {@code null} when unusable. */
    private String readVersion(HttpUrl url) {
        try {
            Fetched fetched = fetch(url);
            if (fetched.status() != 200) {
                return null;
            }
            String v = json.readTree(fetched.body()).path("Version").asString("");
            return v.isEmpty() ? null : v;
        } catch (IOException | JacksonException e) {
            return null;
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
