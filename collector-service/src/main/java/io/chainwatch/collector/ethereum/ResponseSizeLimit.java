package io.chainwatch.collector.ethereum;

import java.io.IOException;

import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Stops reading an answer after a number of bytes: the body is wrapped so that reading past the limit throws
 * {@link TooLargeException}, which the poll reports as a BAD_RESPONSE. A node streaming an endless or huge body
 * costs at most the limit in memory and is cut off at once, not at the poll timeout.
 */
final class ResponseSizeLimit implements Interceptor {

    /** The answer was larger than the limit. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("answer larger than " + limit + " bytes");
        }
    }

    private final long limit;

    ResponseSizeLimit(long limit) {
        this.limit = limit;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        ResponseBody body = response.body();
        if (body == null) {
            return response;
        }
        if (body.contentLength() > limit) {
            response.close();
            throw new TooLargeException(limit);
        }
        BufferedSource limited = Okio.buffer(new ForwardingSource(body.source()) {
            private long read;

            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                long n = super.read(sink, byteCount);
                if (n > 0) {
                    read += n;
                    if (read > limit) {
                        body.close();
                        throw new TooLargeException(limit);
                    }
                }
                return n;
            }
        });
        return response.newBuilder()
                .body(ResponseBody.create(limited, body.contentType(), body.contentLength()))
                .build();
    }
}
