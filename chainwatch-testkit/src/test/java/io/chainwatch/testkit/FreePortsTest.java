package io.chainwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortsTest {

    private static final Path LINUX_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /**
     * The ports must lie below the ephemeral range, where no outgoing connection can take them between being chosen
     * and being bound. On this project's machines a whole-file read of the procfs file returned only "3", and every
     * port silently came from the ephemeral range: two services of the local stack then collided.
     */
    @Test
    void portsComeFromBelowTheKernelsEphemeralRange() throws IOException {
        assumeTrue(Files.isReadable(LINUX_RANGE), "not Linux");
        int ephemeralStart;
        try (var reader = Files.newBufferedReader(LINUX_RANGE)) {
            ephemeralStart = Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        }
        assumeTrue(ephemeralStart > 10_001, "the ephemeral range leaves no room below it");

        assertThat(FreePorts.highest()).isEqualTo(ephemeralStart - 1);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ports.add(FreePorts.next());
        }
        assertThat(ports).hasSize(50).allSatisfy(port -> assertThat(port).isBetween(10_000, ephemeralStart - 1));
    }

    @Test
    void readsTheRangeAsTheKernelWritesItAndGivesUpOnAnythingElse(@TempDir Path dir) throws IOException {
        assertThat(FreePorts.highestBelow(Files.writeString(dir.resolve("range"), "32768\t60999\n"))).isEqualTo(32767);
        assertThat(FreePorts.highestBelow(Files.writeString(dir.resolve("empty"), ""))).isZero();
        assertThat(FreePorts.highestBelow(Files.writeString(dir.resolve("junk"), "many\n"))).isZero();
        assertThat(FreePorts.highestBelow(dir.resolve("missing"))).isZero();
    }
}
