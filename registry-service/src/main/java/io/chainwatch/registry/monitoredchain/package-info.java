/**
 * Monitored chains: one network (Ethereum, Fabric) of an organization whose nodes ChainWatch polls (table
 * {@code registry.chain}, {@code /api/v1/chains}); names are unique within their organization. Not to be confused
 * with an alliance's business chains and their planned blockchains ({@code businesschain}).
 */
package io.chainwatch.registry.monitoredchain;
