/**
 * Node operations: start, stop or restart a monitored node through the operations interface of the platform that
 * runs it (its template's {@code startNode}, {@code stopNode}, {@code restartNode}; the node's chain must run on a
 * registered platform, see {@code provisioning}), and an auto-restart policy per node. The policy is judged from
 * the collectors' samples ({@code chainwatch.samples}, consumer group {@code chainwatch-registry-auto-restart}):
 * the same evidence the alert service's {@code node_unreachable} rule fires on, read directly rather than through
 * the alert service, so a restart needs no alert rule and no extra hop. A node is "down since" its first failed
 * poll after an answered one; when its failed polls span {@code afterSeconds} (the policy's N minutes), it is
 * restarted, at most {@code maxPerHour} times in any hour (then one {@code LIMITED} record and notification per
 * outage). A node from which no sample arrives at all is not restarted (no evidence; that is the unreachable
 * alert's case). Every operation is recorded ({@code registry.node_operation}), audited and notified to the
 * organization (the alert service mails it). Per instance: the instance that owns a chain's sample partition
 * judges its nodes. {@code /api/v1/nodes/{id}/operations}, {@code /api/v1/nodes/{id}/auto-restart}.
 */
package io.chainwatch.registry.nodeops;
