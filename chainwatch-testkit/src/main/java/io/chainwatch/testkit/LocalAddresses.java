package io.chainwatch.testkit;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Addresses of this machine, for tests that check what a server is bound to. */
public final class LocalAddresses {

    private LocalAddresses() {
    }

    /**
     * An address of an up, non-loopback interface of this machine (IPv4 preferred), or {@code null} when there is
     * none: a server bound to loopback must not answer on it.
     */
    public static InetAddress nonLoopback() {
        try {
            InetAddress v6 = null;
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                        continue;
                    }
                    if (address instanceof java.net.Inet4Address) {
                        return address;
                    }
                    v6 = v6 == null ? address : v6;
                }
            }
            return v6;
        } catch (SocketException e) {
            return null;
        }
    }
}
