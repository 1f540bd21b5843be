package io.chainwatch.registry.secret;

/**
 * A secret as the API shows it: whether it is set and, if so, its fingerprint; never the value.
 *
 * @param set         whether a value is stored
 * @param fingerprint {@code sha256:<16 hex digits>} of the value, {@code null} when not set
 */
public record SecretView(boolean set, String fingerprint) {

    public static final SecretView NOT_SET = new SecretView(false, null);
}
