package io.chainwatch.registry.monitoredchain;

/** The platform type of a chain; the collector picks its probe by it. */
public enum Platform {
    ETHEREUM,
    FABRIC
}
