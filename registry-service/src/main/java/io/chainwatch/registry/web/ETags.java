package io.chainwatch.registry.web;

/**
 * Optimistic locking over HTTP: a resource's ETag is its version ({@code "3"}); an update must send it back in
 * {@code If-Match}. Missing → 428, another version → 412.
 */
public final class ETags {

    private ETags() {
    }

    /** The strong ETag of a version: {@code "3"}. */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header requires, or {@code null} for {@code *} (any current version).
     *
     * @throws PreconditionRequiredException when the header is missing
     * @throws PreconditionFailedException   when it names no version of ours (it cannot match)
     */
    public static Long requiredVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException("This update needs an If-Match header with the resource's "
                    + "current ETag (GET it first), so concurrent changes are not overwritten");
        }
        String value = ifMatch.strip();
        if (value.equals("*")) {
            return null;
        }
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("If-Match " + ifMatch + " does not match the current ETag");
        }
    }

    /** Checks a required version (from {@link #requiredVersion}) against the current one. */
    public static void check(Long required, long current, String what) {
        if (required != null && required != current) {
            throw new PreconditionFailedException("The " + what + " was changed meanwhile: If-Match "
                    + of(required) + " but the current ETag is " + of(current) + "; GET it again and retry");
        }
    }
}
