/**
 * The Fabric peer as the registry talks to it: {@link io.chainwatch.registry.fabric.qscc.Qscc}, the system
 * chaincode {@code qscc} queries (chain info, block by number, transaction by id, block by transaction id) and the
 * {@code _lifecycle} queries (chaincode definitions, one definition with its approvals, commit readiness), opened
 * by a {@link io.chainwatch.registry.fabric.qscc.QsccConnector} with a client identity; in production through the
 * Fabric Gateway client ({@code org.hyperledger.fabric:fabric-gateway}), answers decoded with fabric-protos.
 */
package io.chainwatch.registry.fabric.qscc;
