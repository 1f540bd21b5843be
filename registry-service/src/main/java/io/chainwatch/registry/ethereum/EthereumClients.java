package io.chainwatch.registry.ethereum;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.chainwatch.registry.platform.PlatformCallException;

import org.springframework.stereotype.Component;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Short-lived web3j clients for one call each, over HTTP, sharing one daemon scheduler (web3j's own threads are
 * not daemons and would keep the JVM alive).
 */
@Component
public class EthereumClients {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "web3j-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs {@code work} with a client for {@code rpcUrl}; I/O failures become {@link PlatformCallException} (502).
     */
    public <T> T with(String rpcUrl, Call<T> work) {
        HttpService service = new HttpService(rpcUrl);
        Web3j web3j = Web3j.build(service, 500, scheduler);
        try {
            return work.apply(web3j);
        } catch (java.io.IOException e) {
            throw new PlatformCallException("the node at " + rpcUrl + " did not answer: " + e.getMessage(), e);
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
