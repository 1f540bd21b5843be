package io.chainwatch.registry.organization;

/** Where an organization's resources are: on the cloud (a tenant space) or off it (a physical resource set). */
public enum UserCategory {
    CLOUD,
    OFF_CLOUD;

    /** The kind of resource space an organization of this category binds. */
    public ResourceSpaceKind spaceKind() {
        return this == CLOUD ? ResourceSpaceKind.TENANT : ResourceSpaceKind.PHYSICAL;
    }
}
