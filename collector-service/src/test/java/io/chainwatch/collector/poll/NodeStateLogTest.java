package io.chainwatch.collector.poll;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.chainwatch.collector.support.LogCapture;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import org.junit.jupiter.api.Test;

class NodeStateLogTest {

    private static final NodeTarget NODE = new NodeTarget(id("id-1"), "validator-1", id("org-1"), "acme", id("chain-1"),
            "mainnet", "ETHEREUM", "https://ops:s3cret@rpc.example.com/v3/0123456789abcdef?apikey=k3y", 1000, 1,
            null, null, null);

    private static NodeSample sample(PollOutcome outcome, String error) {
        return new NodeSample(id("id-1"), id("chain-1"), id("org-1"), System.currentTimeMillis(), outcome, error,
                Map.of(), Map.of(), List.of(), null);
    }

    @Test
    void oneWarnLinePerChangeOfStateWithTheNodeItsUrlWithoutCredentialsAndTheReason() {
        NodeStateLog stateLog = new NodeStateLog();
        try (LogCapture log = LogCapture.of(NodeStateLog.class)) {
            stateLog.onSample(NODE, sample(PollOutcome.OK, null));
            stateLog.onSample(NODE, sample(PollOutcome.OK, null));
            stateLog.onSample(NODE, sample(PollOutcome.TIMEOUT, "no answer from ... within 2 s"));
            stateLog.onSample(NODE, sample(PollOutcome.REFUSED, "connection refused")); // still unreachable
            stateLog.onSample(NODE, sample(PollOutcome.TIMEOUT, "no answer from ... within 2 s"));
            stateLog.onSample(NODE, sample(PollOutcome.ERRORING, "JSON-RPC error -32005: limit exceeded (eth_blockNumber)"));
            stateLog.onSample(NODE, sample(PollOutcome.ERRORING, "JSON-RPC error -32005: limit exceeded (eth_blockNumber)"));
            stateLog.onSample(NODE, sample(PollOutcome.OK, null));
            stateLog.onSample(NODE, sample(PollOutcome.OK, null));

            assertThat(log.warnings()).containsExactly(
                    "WARN node validator-1 (https://rpc.example.com/v3/…) of chain mainnet: up → unreachable: no answer from ... within 2 s",
                    "WARN node validator-1 (https://rpc.example.com/v3/…) of chain mainnet: unreachable → erroring: JSON-RPC error -32005: limit exceeded (eth_blockNumber)",
                    "WARN node validator-1 (https://rpc.example.com/v3/…) of chain mainnet: erroring → up (recovered)");
            assertThat(String.join("\n", log.lines())).doesNotContain("s3cret", "0123456789abcdef", "k3y");
        }
    }

    @Test
    void aNodeDownFromItsFirstPollIsLoggedOnce() {
        NodeStateLog stateLog = new NodeStateLog();
        try (LogCapture log = LogCapture.of(NodeStateLog.class)) {
            stateLog.onSample(NODE, sample(PollOutcome.REFUSED, "connection refused"));
            stateLog.onSample(NODE, sample(PollOutcome.REFUSED, "connection refused"));

            assertThat(log.warnings()).containsExactly(
                    "WARN node validator-1 (https://rpc.example.com/v3/…) of chain mainnet is unreachable: connection refused");
        }
    }
}
