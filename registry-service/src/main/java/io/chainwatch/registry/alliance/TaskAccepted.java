package io.chainwatch.registry.alliance;

import java.util.UUID;

/** Answer of an alliance operation: the task to follow at {@code /api/v1/tasks/{taskId}}. */
public record TaskAccepted(UUID taskId, String type, UUID allianceId) {
}
