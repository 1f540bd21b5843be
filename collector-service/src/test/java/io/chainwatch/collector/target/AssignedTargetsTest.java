package io.chainwatch.collector.target;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.chainwatch.collector.support.LogCapture;
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
        public void deactivate(UUID nodeId) {
            events.add("deactivate " + nodeId);
        }
    }

    private final RecordingObserver observer = new RecordingObserver();
    private final AssignedTargets targets = new AssignedTargets(observer);

    private static NodeTarget target(String name, long version, String url) {
        return new NodeTarget(id(name), "name-" + name, id("org-1"), "acme", id("chain-1"), "dev", "ETHEREUM", url,
                1000, version, null, null, null);
    }

    /** The record key of node {@code name}: its id's text, as the registry writes it. */
    private static String key(String name) {
        return id(name).toString();
    }

    @Test
    void newerVersionReplacesAndOlderIsIgnored() {
        targets.apply(0, key("n1"), target("n1", 2, "http://a"));
        targets.apply(0, key("n1"), target("n1", 1, "http://old"));
        targets.apply(0, key("n1"), target("n1", 3, "http://b"));

        assertThat(observer.events).containsExactly("activate " + id("n1") + " v2 http://a",
                "activate " + id("n1") + " v3 http://b");
        assertThat(targets.snapshot().get(id("n1")).target().rpcUrl()).isEqualTo("http://b");
    }

    @Test
    void replayOfTheSameRecordChangesNothing() {
        targets.apply(0, key("n1"), target("n1", 2, "http://a"));
        targets.apply(0, key("n1"), target("n1", 2, "http://a"));

        assertThat(observer.events).containsExactly("activate " + id("n1") + " v2 http://a");
    }

    @Test
    void tombstoneRemovesTheNode() {
        targets.apply(1, key("n1"), target("n1", 1, "http://a"));
        targets.apply(1, key("n1"), null);
        targets.apply(1, key("unknown"), null);

        assertThat(observer.events).containsExactly("activate " + id("n1") + " v1 http://a", "deactivate " + id("n1"));
        assertThat(targets.snapshot()).isEmpty();
    }

    /** A tombstone's key is parsed where it arrives: one that is not a UUID is logged and ignored, never thrown. */
    @Test
    void tombstoneWhoseKeyIsNotANodeIdIsLoggedAndIgnored() {
        targets.apply(1, key("n1"), target("n1", 1, "http://a"));
        try (LogCapture log = LogCapture.of(AssignedTargets.class)) {
            targets.apply(1, "n1", null);
            targets.apply(1, "", null);
            targets.apply(1, "1-2-3-4-5", null);

            assertThat(log.warnings()).containsExactly(
                    "WARN tombstone on partition 1 ignored: its key n1 is not a node id (a UUID)",
                    "WARN tombstone on partition 1 ignored: its key  is not a node id (a UUID)",
                    "WARN tombstone on partition 1 ignored: its key 1-2-3-4-5 is not a node id (a UUID)");
        }
        assertThat(observer.events).containsExactly("activate " + id("n1") + " v1 http://a");
        assertThat(targets.snapshot()).containsOnlyKeys(id("n1"));

        // the key in capitals is the same id
        targets.apply(1, key("n1").toUpperCase(java.util.Locale.ROOT), null);
        assertThat(observer.events).containsExactly("activate " + id("n1") + " v1 http://a", "deactivate " + id("n1"));
        assertThat(targets.snapshot()).isEmpty();
    }

    /** A target is held under its node id: a key that differs, or is not a UUID at all, is only logged. */
    @Test
    void targetIsHeldUnderItsNodeIdWhateverItsKey() {
        try (LogCapture log = LogCapture.of(AssignedTargets.class)) {
            targets.apply(0, key("n1"), target("n1", 1, "http://a"));
            targets.apply(0, "n2", target("n2", 1, "http://b"));
            targets.apply(0, key("other"), target("n3", 1, "http://c"));

            assertThat(log.warnings()).containsExactly(
                    "WARN target key n2 differs from its node id " + id("n2") + "; using the node id",
                    "WARN target key " + id("other") + " differs from its node id " + id("n3") + "; using the node id");
        }
        assertThat(targets.snapshot()).containsOnlyKeys(id("n1"), id("n2"), id("n3"));
    }

    @Test
    void revokingPartitionsStopsOnlyTheirNodes() {
        targets.apply(0, key("n0"), target("n0", 1, "http://a"));
        targets.apply(1, key("n1"), target("n1", 1, "http://b"));
        targets.apply(2, key("n2"), target("n2", 1, "http://c"));
        observer.events.clear();

        targets.partitionsRevoked(List.of(0, 2));

        assertThat(observer.events).containsExactlyInAnyOrder("deactivate " + id("n0"), "deactivate " + id("n2"));
        assertThat(targets.snapshot()).containsOnlyKeys(id("n1"));
        assertThat(targets.snapshot().get(id("n1")).partition()).isEqualTo(1);
    }

    @Test
    void reassignedPartitionIsRebuiltFromItsRecords() {
        targets.apply(3, key("n3"), target("n3", 5, "http://a"));
        observer.events.clear();

        // assigned again: re-read from the beginning, so versions held before must not hide the replay
        targets.partitionsAssigned(List.of(3));
        targets.apply(3, key("n3"), target("n3", 4, "http://older-but-first-in-log"));
        targets.apply(3, key("n3"), target("n3", 5, "http://a"));

        assertThat(observer.events).containsExactly("deactivate " + id("n3"),
                "activate " + id("n3") + " v4 http://older-but-first-in-log", "activate " + id("n3") + " v5 http://a");
    }
}
