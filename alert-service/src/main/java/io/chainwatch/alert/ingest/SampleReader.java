package io.chainwatch.alert.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.RegistryIds;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@link NodeSample} from its JSON bytes with Jackson's streaming parser, field by field (cheaper than data
 * binding, which was the samples listener's largest cost per record when samples were JSON). It reads what data
 * binding reads: unknown fields are skipped (a newer producer's additions), absent fields are null or empty, a reading
 * may be a number or a string such as {@code "NaN"}; a reading that is null is left out. Malformed JSON, an outcome
 * this version does not know or an id that is not a UUID throws {@link JacksonException} — the listener skips that
 * record, as it skips any malformed sample.
 * Samples are written in their binary form now ({@link io.chainwatch.events.SampleCodec}); this reads those of a
 * collector not upgraded yet. Public for {@code alert.SampleEncodingBenchmark}, which compares the two.
 */
public final class SampleReader {

    private final JsonMapper json;

    public SampleReader(JsonMapper json) {
        this.json = json;
    }

    public NodeSample read(byte[] bytes) {
        try (JsonParser p = json.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(p, "a sample is a JSON object");
            }
            UUID nodeId = null;
            UUID chainId = null;
            UUID orgId = null;
            long polledAtMs = 0;
            PollOutcome outcome = null;
            String error = null;
            Map<String, Double> readings = null;
            Map<String, String> info = null;
            List<String> unsupported = null;
            String channel = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "nodeId" -> nodeId = id(p, t);
                    case "chainId" -> chainId = id(p, t);
                    case "orgId" -> orgId = id(p, t);
                    case "polledAtMs" -> polledAtMs = t == JsonToken.VALUE_NULL ? 0 : p.getValueAsLong();
                    case "outcome" -> outcome = outcome(p, t);
                    case "error" -> error = text(p, t);
                    case "readings" -> readings = readings(p, t);
                    case "info" -> info = info(p, t);
                    case "unsupported" -> unsupported = strings(p, t);
                    case "channel" -> channel = text(p, t);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw malformed(p, "unexpected " + p.currentToken());
            }
            return new NodeSample(nodeId, chainId, orgId, polledAtMs, outcome, error, readings, info, unsupported,
                    channel);
        }
    }

    private static String text(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isScalarValue()) {
            throw malformed(p, "expected a text value");
        }
        return p.getValueAsString();
    }

    /** A registry id: a UUID's text. */
    private static UUID id(JsonParser p, JsonToken t) {
        String s = text(p, t);
        if (s == null) {
            return null;
        }
        try {
            return RegistryIds.parse(s);
        } catch (IllegalArgumentException e) {
            throw malformed(p, "an id is not a UUID: " + s);
        }
    }

    private static PollOutcome outcome(JsonParser p, JsonToken t) {
        String s = text(p, t);
        if (s == null) {
            return null;
        }
        try {
            return PollOutcome.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw malformed(p, "unknown outcome " + s);
        }
    }

    private static Map<String, Double> readings(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw malformed(p, "readings are an object");
        }
        Map<String, Double> out = new HashMap<>();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                out.put(name, p.getDoubleValue());
            } else if (v == JsonToken.VALUE_STRING) {
                try {
                    out.put(name, Double.valueOf(p.getString()));
                } catch (NumberFormatException e) {
                    throw malformed(p, "reading " + name + " is not a number");
                }
            } else if (v != JsonToken.VALUE_NULL) {
                throw malformed(p, "reading " + name + " is not a number");
            }
        }
        return out;
    }

    private static Map<String, String> info(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw malformed(p, "info is an object");
        }
        Map<String, String> out = new HashMap<>();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            String v = text(p, p.nextToken());
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }

    private static List<String> strings(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw malformed(p, "expected an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
            String s = text(p, v);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static JacksonException malformed(JsonParser p, String why) {
        return new tools.jackson.core.exc.StreamReadException(p, why);
    }
}
