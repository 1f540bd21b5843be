package io.chainwatch.collector.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import org.web3j.protocol.core.Response;

/**
 * A JSON-RPC response whose result is kept as a JSON tree (web3j parses with Jackson 2, hence
 * {@code com.fasterxml}), so that answers are matched to requests by id and numbers are read in hex or decimal.
 */
public class RawResponse extends Response<JsonNode> {
}
