package io.chainwatch.collector.fabric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import io.chainwatch.collector.poll.NewsAfterSilence;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block events of one channel of one peer: a Deliver stream (the Gateway client's block events) read on a
 * thread of its own, whose blocks are summed up until the next poll {@link #drain() drains} them. When the stream
 * breaks (peer restarted, network cut) it is opened again after a pause, from the block after the last one seen,
 * so no block is missed or counted twice. With a checkpoint file, the last block seen is also kept on disk
 * (fabric-gateway's {@link FileCheckpointer}) and a new watch (after a restart of the collector) starts after it.
 */
final class ChannelWatch implements AutoCloseable {

    /** What the blocks since the previous drain held. */
    record Delivered(int blocks, int txs, int valid, Map<String, Integer> invalidByCode, SortedSet<String> chaincodes,
                     Double commitIntervalSeconds, long nextBlock, boolean streaming) {

        int invalid() {
            return invalidByCode.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ChannelWatch.class);

    private final UUID nodeId;
    private final String channel;
    private final Network network;
    private final Duration retry;

    private long nextBlock = -1;
    /** Set by {@link #continueFrom}: the block to start at, or -1. */
    private long resumeAt = -1;
    private long lastBlockTimestampMs;
    private Double commitIntervalSeconds;
    private int blocks;
    private int txs;
    private int valid;
    private final Map<String, Integer> invalidByCode = new TreeMap<>();
    private final SortedSet<String> chaincodes = new TreeSet<>();
    private volatile boolean streaming;
    private volatile boolean closed;
    private CloseableIterator<Block> events;
    private Future<?> reader;

    private FileCheckpointer checkpointer;
    private boolean checkpointFailed;
    /** News for the scheduler: a block that ends a silence (not the first one). */
    private final NewsAfterSilence news = new NewsAfterSilence();

    ChannelWatch(UUID nodeId, String channel, Network network, Duration retry, Path checkpointFile) {
        this.nodeId = nodeId;
        this.channel = channel;
        this.network = network;
        this.retry = retry;
        if (checkpointFile != null) {
            try {
                Files.createDirectories(checkpointFile.getParent());
                this.checkpointer = new FileCheckpointer(checkpointFile);
            } catch (IOException e) {
                log.warn("node {} channel {}: no checkpoint at {} ({}); block events resume from memory only", nodeId,
                        channel, checkpointFile, e.getMessage());
            }
        }
    }

    /**
     * Continues {@code previous}, the same channel's watch of the node's former target (an edit): the stream will
     * start at the block after the last one it saw, and the blocks it delivered but no poll drained are counted in
     * the next drain. Call before {@link #start}, with {@code previous} closed.
     */
    void continueFrom(ChannelWatch previous) {
        Delivered left;
        synchronized (previous) {
            left = previous.drain();
        }
        synchronized (this) {
            if (left.nextBlock() >= 0) {
                resumeAt = left.nextBlock();
            }
            blocks += left.blocks();
            txs += left.txs();
            valid += left.valid();
            left.invalidByCode().forEach((code, n) -> invalidByCode.merge(code, n, Integer::sum));
            chaincodes.addAll(left.chaincodes());
            if (left.commitIntervalSeconds() != null) {
                commitIntervalSeconds = left.commitIntervalSeconds();
            }
            lastBlockTimestampMs = previous.lastBlockTimestampMs;
        }
    }

    /** Starts reading blocks from {@code fromBlock} on, unless already started. */
    synchronized void start(long fromBlock, ExecutorService streams) {
        if (reader != null || closed) {
            return;
        }
        // after an edit: where the former watch stopped; after a restart: the block after the last one seen before
        // it, whatever the height now
        nextBlock = resumeAt >= 0
                ? resumeAt
                : checkpointer != null && checkpointer.getBlockNumber().isPresent()
                ? checkpointer.getBlockNumber().getAsLong()
                : fromBlock;
        try {
            reader = streams.submit(this::read);
        } catch (RejectedExecutionException e) {
            reader = null;
        }
    }

    /** The block the stream asks for next: one past the last block seen. */
    synchronized long nextBlock() {
        return nextBlock;
    }

    private void read() {
        while (!closed) {
            long from;
            CloseableIterator<Block> stream;
            synchronized (this) {
                from = nextBlock;
                stream = network.newBlockEventsRequest().startBlock(from).build().getEvents();
                events = stream;
            }
            try (stream) {
                streaming = true;
                log.debug("node {} channel {}: block events from block {}", nodeId, channel, from);
                while (!closed && stream.hasNext()) {
                    onBlock(stream.next());
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    log.info("node {} channel {}: block events stopped ({}); resuming from block {} in {} ms",
                            nodeId, channel, e.getMessage(), nextBlock(), retry.toMillis());
                }
            } finally {
                streaming = false;
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void onBlock(Block block) {
        BlockSummary summary = BlockSummary.of(block);
        if (summary.number() < nextBlock) {
            return; // seen before the stream was resumed
        }
        if (summary.number() > nextBlock) {
            log.warn("node {} channel {}: block {} delivered while {} was expected", nodeId, channel, summary.number(),
                    nextBlock);
        }
        nextBlock = summary.number() + 1;
        if (checkpointer != null) {
            try {
                checkpointer.checkpointBlock(summary.number());
            } catch (IOException e) {
                if (!checkpointFailed) {
                    log.warn("node {} channel {}: checkpoint not written ({})", nodeId, channel, e.getMessage());
                    checkpointFailed = true;
                }
            }
        }
        news.arrived();
        blocks++;
        txs += summary.txCount();
        valid += summary.valid();
        summary.invalidByCode().forEach((code, n) -> invalidByCode.merge(code, n, Integer::sum));
        chaincodes.addAll(summary.chaincodes());
        if (summary.timestampMs() > 0) {
            if (lastBlockTimestampMs > 0) {
                commitIntervalSeconds = Math.max(0, summary.timestampMs() - lastBlockTimestampMs) / 1000.0;
            }
            lastBlockTimestampMs = summary.timestampMs();
        }
    }

    /** Runs {@code action} for a block that ends a silence of more than twice {@code pollIntervalMs}. */
    void onNews(long pollIntervalMs, Runnable action) {
        news.set(pollIntervalMs, action);
    }

    /** What was delivered since the previous call; the sums start again from zero. */
    synchronized Delivered drain() {
        Delivered delivered = new Delivered(blocks, txs, valid, Map.copyOf(invalidByCode), new TreeSet<>(chaincodes),
                commitIntervalSeconds, nextBlock, streaming);
        blocks = 0;
        txs = 0;
        valid = 0;
        invalidByCode.clear();
        chaincodes.clear();
        return delivered;
    }

    @Override
    public void close() {
        closed = true;
        CloseableIterator<Block> stream;
        Future<?> running;
        synchronized (this) {
            stream = events;
            running = reader;
        }
        if (stream != null) {
            stream.close();
        }
        if (running != null) {
            running.cancel(true);
        }
        synchronized (this) {
            if (checkpointer != null) {
                try {
                    checkpointer.close();
                } catch (IOException e) {
                    log.debug("node {} channel {}: closing the checkpoint failed: {}", nodeId, channel, e.getMessage());
                }
                checkpointer = null;
            }
        }
    }
}
