/**
 * A TEST Fabric peer, not Fabric, for tests and the local stack: {@link io.chainwatch.testkit.fabric.TestFabricPeer}
 * speaks the peer's Gateway and Deliver gRPC services over the real blocks of a Fabric 2.5.5 channel,
 * {@link io.chainwatch.testkit.fabric.TestPeerOperations} serves that peer's captured operations {@code /metrics} and
 * {@code /healthz}, {@link io.chainwatch.testkit.fabric.TestIdentities} makes identities in the layout the collector
 * reads, and {@link io.chainwatch.testkit.fabric.FabricFixtures} gives the captures themselves.
 */
package io.chainwatch.testkit.fabric;
