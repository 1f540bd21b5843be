package io.chainwatch.registry.ethereum;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.chainwatch.registry.web.PlatformCallException;
import io.chainwatch.security.UnsafeUrlException;
import io.chainwatch.security.UrlGuard;

import okhttp3.OkHttpClient;

import org.springframework.stereotype.Component;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Short-lived web3j clients for one call each, over HTTP, sharing one daemon scheduler (web3j's own threads are
 * not daemons and would keep the JVM alive) and one HTTP client that follows no redirects (a node could otherwise
 * send the registry to an address the {@link UrlGuard} refuses). The RPC URL is checked again before each call: it
 * may have been stored under another policy, or its name may resolve differently now.
 */
@Component
public class EthereumClients {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "web3j-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false)
            .build();
    private final UrlGuard guard;

    EthereumClients(UrlGuard guard) {
        this.guard = guard;
    }

    /**
     * Runs {@code work} with a client for {@code rpcUrl}; I/O failures become {@link PlatformCallException} (502).
     */
    public <T> T with(String rpcUrl, Call<T> work) {
        try {
            guard.check("rpcUrl", rpcUrl, java.util.Set.of("http", "https", "ws", "wss"));
        } catch (UnsafeUrlException e) {
            throw new PlatformCallException("the node's RPC URL " + e.reason(), e);
        }
        HttpService service = new HttpService(rpcUrl, http);
        Web3j web3j = Web3j.build(service, 500, scheduler);
        try {
            return work.apply(web3j);
        } catch (java.io.IOException e) {
            throw new PlatformCallException("the node at " + io.chainwatch.security.SecretUrls.mask(rpcUrl) + " did not answer: " + e.getMessage(), e);
        } catch (org.web3j.protocol.exceptions.ClientConnectionException e) {
            // a non-2xx HTTP answer, a redirect included: redirects are not followed
            throw new PlatformCallException("the node at " + io.chainwatch.security.SecretUrls.mask(rpcUrl) + " did not answer: " + e.getMessage()
                    + " (redirects are not followed)", e);
        } finally {
            try {
                service.close();
            } catch (java.io.IOException ignored) {
                // closing an HTTP client; nothing to do
            }
        }
    }

    /** Work with a client that may fail with I/O errors. */
    @FunctionalInterface
    public interface Call<T> {
        T apply(Web3j web3j) throws java.io.IOException;
    }
}
