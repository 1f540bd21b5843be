package io.chainwatch.registry.organization;

/** A cloud tenant space or a physical resource set (a node list). */
public enum ResourceSpaceKind {
    TENANT,
    PHYSICAL
}
