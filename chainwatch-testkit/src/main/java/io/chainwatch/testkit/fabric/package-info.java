/**
 * A TEST Fabric network, not Fabric, for tests and the local stack: {@link io.chainwatch.testkit.fabric.TestFabricPeer}
 * speaks the peer's Gateway and Deliver gRPC services over the real blocks of a Fabric 2.5.5 channel, on several
 * channels if asked, answering a channel it has not joined with the captured Fabric 2.5.5 errors, and qscc and
 * {@code _lifecycle} queries from captures ({@link io.chainwatch.testkit.fabric.TestLifecycle});
 * {@link io.chainwatch.testkit.fabric.TestPeerOperations} serves that peer's captured operations {@code /metrics},
 * {@code /healthz} and {@code /version}; {@link io.chainwatch.testkit.fabric.TestOrderer} an orderer's captured
 * operations endpoint and channel participation API; {@link io.chainwatch.testkit.fabric.TestIdentities} makes
 * identities in the layout the collector reads, and {@link io.chainwatch.testkit.fabric.FabricFixtures} gives the
 * captures themselves.
 */
package io.chainwatch.testkit.fabric;
