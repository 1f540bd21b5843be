package io.chainwatch.security;

/**
 * A request would take an organization over one of its quotas. Every service answers it with a 409 problem naming the
 * quota ({@code quota}, {@code limit}) and writes nothing.
 */
public class QuotaExceededException extends RuntimeException {

    private final String quota;
    private final long limit;

    public QuotaExceededException(String quota, long limit, String message) {
        super(message);
        this.quota = quota;
        this.limit = limit;
    }

    public String quota() {
        return quota;
    }

    public long limit() {
        return limit;
    }
}
