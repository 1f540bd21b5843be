package io.chainwatch.registry.contract;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import io.chainwatch.registry.web.InvalidRequestException;

import org.web3j.abi.TypeDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Array;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.BytesType;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.utils.Numeric;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** JSON values ⇄ web3j ABI types, driven by the ABI's type names ({@code uint256}, {@code address}, ...). */
final class AbiCodec {

    private AbiCodec() {
    }

    /** The entry of an ABI: the constructor ({@code name == null}) or the function with that name. */
    static JsonNode entry(JsonNode abi, String name, int argCount) {
        if (abi == null || !abi.isArray()) {
            throw new InvalidRequestException("abi", "must be the contract's ABI, a JSON array");
        }
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode entry : abi) {
            boolean matches = name == null ? "constructor".equals(entry.path("type").asString())
                    : "function".equals(entry.path("type").asString()) && name.equals(entry.path("name").asString());
            if (matches) {
                candidates.add(entry);
            }
        }
        return candidates.stream().filter(e -> e.path("inputs").size() == argCount).findFirst()
                .orElse(candidates.isEmpty() ? null : candidates.get(0));
    }

    /** Converts JSON arguments to ABI values for the entry's inputs. */
    @SuppressWarnings("rawtypes")
    static List<Type> inputs(JsonNode entry, JsonNode args, String field) {
        JsonNode inputs = entry == null ? null : entry.path("inputs");
        int expected = inputs == null ? 0 : inputs.size();
        int given = args == null || args.isNull() ? 0 : args.size();
        if (args != null && !args.isNull() && !args.isArray()) {
            throw new InvalidRequestException(field, "must be a JSON array of arguments");
        }
        if (given != expected) {
            throw new InvalidRequestException(field, "takes " + expected + " argument(s), got " + given);
        }
        List<Type> values = new ArrayList<>();
        for (int i = 0; i < expected; i++) {
            String type = inputs.get(i).path("type").asString();
            JsonNode arg = args.get(i);
            boolean numeric = type.matches("u?int\\d*");
            if (numeric && !(arg.isIntegralNumber() || arg.asString().matches("-?\\d+"))) {
                throw new InvalidRequestException(field + "[" + i + "]", "is not a valid " + type
                        + " (a JSON integer or a decimal string): " + arg);
            }
            try {
                values.add(TypeDecoder.instantiateType(type, javaValue(args.get(i))));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new InvalidRequestException(field + "[" + i + "]", "is not a valid " + type + ": " + args.get(i));
            }
        }
        return values;
    }

    /** Output type references of an ABI entry. */
    @SuppressWarnings("rawtypes")
    static List<TypeReference<?>> outputs(JsonNode entry) {
        List<TypeReference<?>> refs = new ArrayList<>();
        for (JsonNode output : entry.path("outputs")) {
            try {
                refs.add(TypeReference.makeTypeReference(output.path("type").asString()));
            } catch (ClassNotFoundException e) {
                throw new InvalidRequestException("abi", "output type " + output.path("type").asString()
                        + " is not supported");
            }
        }
        return refs;
    }

    private static Object javaValue(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(v -> list.add(javaValue(v)));
            return list;
        }
        String text = value.asString();
        if (text.matches("-?\\d+")) {
            return new BigInteger(text);
        }
        return text;
    }

    /** A decoded ABI value as JSON: numbers (as strings beyond 2^53), addresses and bytes as hex. */
    @SuppressWarnings("rawtypes")
    static JsonNode json(Type value, JsonMapper json) {
        if (value instanceof NumericType number) {
            BigInteger big = number.getValue();
            return big.bitLength() < 53 ? json.getNodeFactory().numberNode(big.longValue())
                    : json.getNodeFactory().stringNode(big.toString());
        }
        if (value instanceof Bool bool) {
            return json.getNodeFactory().booleanNode(bool.getValue());
        }
        if (value instanceof Address address) {
            return json.getNodeFactory().stringNode(address.getValue());
        }
        if (value instanceof Utf8String text) {
            return json.getNodeFactory().stringNode(text.getValue());
        }
        if (value instanceof BytesType bytes) {
            return json.getNodeFactory().stringNode(Numeric.toHexString(bytes.getValue()));
        }
        if (value instanceof Array<?> array) {
            ArrayNode list = json.createArrayNode();
            for (Type element : array.getValue()) {
                list.add(json(element, json));
            }
            return list;
        }
        return json.getNodeFactory().stringNode(String.valueOf(value.getValue()));
    }
}
