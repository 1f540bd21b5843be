package io.chainwatch.collector.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.chainwatch.events.NodeTarget;
import org.junit.jupiter.api.Test;

class AssignedTargetsTest {

    /** Records what the poller is told. */
    static final class RecordingObserver implements TargetObserver {
        final List<String> events = new ArrayList<>();

        @Override
        public void activate(NodeTarget target) {
            events.add("activate " + target.nodeId() + " v" + target.version() + " " + target.rpcUrl());
        }

        @Override
        public void deactivate(String nodeId) {
            events.add("deactivate " + nodeId);
        }
    }

    private final RecordingObserver observer = new RecordingObserver();
    private final AssignedTargets targets = new AssignedTargets(observer);

    private static NodeTarget target(String id, long version, String url) {
        return new NodeTarget(id, "name-" + id, "org-1", "acme", "chain-1", "dev", "ETHEREUM", url, 1000, version, null, null, null);
    }

    @Test
    void newerVersionReplacesAndOlderIsIgnored() {
        targets.apply(0, "n1", target("n1", 2, "http://a"));
        targets.apply(0, "n1", target("n1", 1, "http://old"));
        targets.apply(0, "n1", target("n1", 3, "http://b"));

        assertThat(observer.events).containsExactly("activate n1 v2 http://a", "activate n1 v3 http://b");
        assertThat(targets.snapshot().get("n1").target().rpcUrl()).isEqualTo("http://b");
    }

    @Test
    void replayOfTheSameRecordChangesNothing() {
        targets.apply(0, "n1", target("n1", 2, "http://a"));
        targets.apply(0, "n1", target("n1", 2, "http://a"));

        assertThat(observer.events).containsExactly("activate n1 v2 http://a");
    }

    @Test
    void tombstoneRemovesTheNode() {
        targets.apply(1, "n1", target("n1", 1, "http://a"));
        targets.apply(1, "n1", null);
        targets.apply(1, "unknown", null);

        assertThat(observer.events).containsExactly("activate n1 v1 http://a", "deactivate n1");
        assertThat(targets.snapshot()).isEmpty();
    }

    @Test
    void revokingPartitionsStopsOnlyTheirNodes() {
        targets.apply(0, "n0", target("n0", 1, "http://a"));
        targets.apply(1, "n1", target("n1", 1, "http://b"));
        targets.apply(2, "n2", target("n2", 1, "http://c"));
        observer.events.clear();

        targets.partitionsRevoked(List.of(0, 2));

        assertThat(observer.events).containsExactlyInAnyOrder("deactivate n0", "deactivate n2");
        assertThat(targets.snapshot()).containsOnlyKeys("n1");
        assertThat(targets.snapshot().get("n1").partition()).isEqualTo(1);
    }

    @Test
    void reassignedPartitionIsRebuiltFromItsRecords() {
        targets.apply(3, "n3", target("n3", 5, "http://a"));
        observer.events.clear();

        // assigned again: re-read from the beginning, so versions held before must not hide the replay
        targets.partitionsAssigned(List.of(3));
        targets.apply(3, "n3", target("n3", 4, "http://older-but-first-in-log"));
        targets.apply(3, "n3", target("n3", 5, "http://a"));

        assertThat(observer.events).containsExactly("deactivate n3",
                "activate n3 v4 http://older-but-first-in-log", "activate n3 v5 http://a");
    }
}
