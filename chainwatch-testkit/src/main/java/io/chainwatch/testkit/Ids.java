package io.chainwatch.testkit;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Registry ids are UUIDs: readable names of tests and benchmarks ({@code id("node-a")}) turned into fixed UUIDs, the
 * same on every run ({@link UUID#nameUUIDFromBytes}).
 */
public final class Ids {

    private Ids() {
    }

    public static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
