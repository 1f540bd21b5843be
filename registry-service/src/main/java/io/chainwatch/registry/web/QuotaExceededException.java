package io.chainwatch.registry.web;

/** A request would take an organization over one of its quotas: 409, nothing written. */
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
