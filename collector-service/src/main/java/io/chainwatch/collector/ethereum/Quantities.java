package io.chainwatch.collector.ethereum;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Numbers in JSON-RPC answers: hex quantities ({@code "0x1a"}) as the Ethereum JSON-RPC spec says, and the plain
 * decimal numbers some clients answer instead ({@code "26"}, {@code 26}).
 */
public final class Quantities {

    private Quantities() {
    }

    /**
     * Parses a quantity.
     *
     * @throws NumberFormatException when {@code text} is neither a hex quantity nor a non-negative decimal number
     */
    public static BigInteger parse(String text) {
        if (text == null) {
            throw new NumberFormatException("no number (null)");
        }
        String s = text.trim();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            String digits = s.substring(2);
            if (digits.isEmpty() || !digits.chars().allMatch(Quantities::isHexDigit)) {
                throw new NumberFormatException("\"" + text + "\" is not a hex quantity");
            }
            return new BigInteger(digits, 16);
        }
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException("\"" + text + "\" is not a number");
        }
        return new BigInteger(s);
    }

    /** Parses a JSON number as it came: a non-negative integer or decimal. */
    public static BigInteger of(BigDecimal number) {
        if (number.signum() < 0) {
            throw new NumberFormatException(number + " is negative");
        }
        return number.toBigInteger();
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
