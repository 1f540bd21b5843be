package io.chainwatch.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free TCP ports on the loopback interface, for servers that a test or the local stack starts.
 * <p>
 * The ports come from below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}, 32768–60999 by
 * default). A port from {@code new ServerSocket(0)} lies inside that range, so between being chosen and being bound
 * by a child process it can be taken by any outgoing connection on the machine (a service connecting to Kafka, a
 * browser): the child then fails with "port already in use". Below the range only another server can take it.
 * Within one JVM no port is handed out twice.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final int HIGHEST = highestBelowEphemeralRange();
    /** Where this JVM's search starts: random, so that two JVMs running tests at once rarely pick the same ports. */
    private static final AtomicInteger NEXT = new AtomicInteger(
            HIGHEST > LOWEST ? ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST) : 0);

    private FreePorts() {
    }

    /** A port that is free now and was not handed out before by this JVM. */
    public static int next() {
        if (HIGHEST <= LOWEST) {
            return anyFree();
        }
        int span = HIGHEST - LOWEST;
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = LOWEST + Math.floorMod(NEXT.getAndIncrement() - LOWEST, span);
            if (isFree(port)) {
                return port;
            }
        }
        return anyFree();
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** One below the first port of Linux's ephemeral range; 0 where that range cannot be read (not Linux). */
    private static int highestBelowEphemeralRange() {
        return highestBelow(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
    }

    /**
     * One below the first port of the range written in the file ({@code "32768\t60999"}); 0 when it cannot be read.
     * Read line by line: on procfs, {@code Files.readString} can return only the first byte, because the file reports
     * a size that is not its content's.
     */
    static int highestBelow(Path rangeFile) {
        try (BufferedReader reader = Files.newBufferedReader(rangeFile)) {
            String range = reader.readLine();
            return range == null ? 0 : Integer.parseInt(range.trim().split("\\s+")[0]) - 1;
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    /** The highest port {@link #next()} hands out before it falls back to any free port; 0 when it always does. */
    static int highest() {
        return HIGHEST;
    }
}
