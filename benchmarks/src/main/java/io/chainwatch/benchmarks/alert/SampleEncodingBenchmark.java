package io.chainwatch.benchmarks.alert;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.chainwatch.alert.ingest.SampleReader;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.events.SampleCodec;
import tools.jackson.databind.json.JsonMapper;

/**
 * What writing and reading one sample costs, JSON against the binary form (ADR 0008), single-threaded: the JSON as
 * collectors wrote it (data binding to UTF-8 bytes) and as the alert service reads it ({@link SampleReader}, Jackson's
 * streaming parser), the binary form by {@link SampleCodec}. The samples are the pipeline benchmark's: an Ethereum
 * poll with three UUID ids and six readings, 1,000 different ones in turn. Six rounds of N samples per operation; the
 * first two are the JIT's, the figure is the median of the other four.
 * Run: {@code benchmarks/run.sh alert.SampleEncodingBenchmark [N]}.
 */
public final class SampleEncodingBenchmark {

    private static volatile long sink;

    private SampleEncodingBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        JsonMapper json = JsonMapper.builder().build();
        SampleReader reader = new SampleReader(json);
        List<NodeSample> samples = samples();
        List<byte[]> asJson = samples.stream().map(json::writeValueAsBytes).toList();
        List<byte[]> asBinary = samples.stream().map(SampleCodec::encode).toList();
        for (int i = 0; i < samples.size(); i++) {
            if (!reader.read(asJson.get(i)).equals(samples.get(i))
                    || !SampleCodec.decode(asBinary.get(i)).equals(samples.get(i))) {
                throw new IllegalStateException("a sample did not come back as it was sent");
            }
        }
        System.out.printf("one sample: %d bytes of JSON, %d binary%n", asJson.get(0).length, asBinary.get(0).length);
        double jsonWrite = microseconds(n, samples, s -> json.writeValueAsBytes(s).length);
        double jsonRead = microseconds(n, asJson, b -> reader.read(b).readings().size());
        double binaryWrite = microseconds(n, samples, s -> SampleCodec.encode(s).length);
        double binaryRead = microseconds(n, asBinary, b -> SampleCodec.decode(b).readings().size());
        String command = "`benchmarks/run.sh alert.SampleEncodingBenchmark" + (args.length > 0 ? " " + args[0] : "") + "`";
        row("sample-json-write-us", jsonWrite, command);
        row("sample-json-read-us", jsonRead, command);
        row("sample-binary-write-us", binaryWrite, command);
        row("sample-binary-read-us", binaryRead, command);
    }

    private static <T> double microseconds(int n, List<T> inputs, Function<T, Integer> operation) {
        List<Double> rounds = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            long total = 0;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                total += operation.apply(inputs.get(i % inputs.size()));
            }
            rounds.add((System.nanoTime() - start) / 1e3 / n);
            sink += total;
        }
        List<Double> measured = new ArrayList<>(rounds.subList(2, rounds.size()));
        measured.sort(Double::compare);
        return (measured.get(1) + measured.get(2)) / 2;
    }

    private static void row(String id, double value, String command) {
        System.out.printf("| %s | %.3f | µs | %s | %s |%n", id, value, LocalDate.now(), command);
    }

    private static List<NodeSample> samples() {
        List<NodeSample> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Map<String, Double> readings = new HashMap<>();
            readings.put(Readings.BLOCK_HEIGHT, (double) (19_000_000 + i));
            readings.put(Readings.HEAD_AGE_SECONDS, 1.0);
            readings.put(Readings.PEER_COUNT, 25.0);
            readings.put(Readings.TXPOOL_PENDING, 3.0);
            readings.put(Readings.RPC_LATENCY_MS, 2.5);
            readings.put(Readings.BLOCK_TX_COUNT, 12.0);
            out.add(new NodeSample(UUID.randomUUID(), UUID.randomUUID(),
                    UUID.randomUUID(), 1_765_000_000_000L + i, PollOutcome.OK, null, readings, Map.of(),
                    List.of(), null));
        }
        return out;
    }
}
