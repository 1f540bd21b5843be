package io.chainwatch.cdc.source;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Properties;

import javax.net.SocketFactory;

import io.chainwatch.security.UrlGuard;

/**
 * The socket factory pgjdbc uses for connections to sources (property {@code socketFactory}): checks the address
 * a socket actually connects to with {@link UrlGuard#problem(InetAddress)}, so that a host name that resolves to a
 * public address when the source is saved and to a private or loopback one later (DNS rebinding) is still refused.
 * pgjdbc builds it with the connection's properties, which carry the policy ({@link #apply}).
 */
public final class GuardedSocketFactory extends SocketFactory {

    static final String ALLOW_LOOPBACK = "chainwatchAllowLoopback";
    static final String ALLOW_PRIVATE = "chainwatchAllowPrivate";
    static final String ALLOW_LINK_LOCAL = "chainwatchAllowLinkLocal";

    private final UrlGuard guard;

    /** Called by pgjdbc with the connection's properties. */
    public GuardedSocketFactory(Properties info) {
        this(new UrlGuard.Policy(Boolean.parseBoolean(info.getProperty(ALLOW_LOOPBACK)),
                Boolean.parseBoolean(info.getProperty(ALLOW_PRIVATE)),
                Boolean.parseBoolean(info.getProperty(ALLOW_LINK_LOCAL))));
    }

    public GuardedSocketFactory(UrlGuard.Policy policy) {
        this.guard = new UrlGuard(policy);
    }

    /** Makes pgjdbc connect through this factory with {@code policy}. */
    public static Properties apply(Properties props, UrlGuard.Policy policy) {
        props.setProperty("socketFactory", GuardedSocketFactory.class.getName());
        props.setProperty(ALLOW_LOOPBACK, Boolean.toString(policy.allowLoopback()));
        props.setProperty(ALLOW_PRIVATE, Boolean.toString(policy.allowPrivate()));
        props.setProperty(ALLOW_LINK_LOCAL, Boolean.toString(policy.allowLinkLocal()));
        return props;
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket(guard);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new SocketException("binding a local address is not supported");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw new SocketException("binding a local address is not supported");
    }

    /** A plain socket that refuses to connect where the guard says no. */
    static final class GuardedSocket extends Socket {

        private final UrlGuard guard;

        GuardedSocket(UrlGuard guard) {
            this.guard = guard;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress)) {
                throw new SocketException("only internet addresses are supported");
            }
            InetSocketAddress address = (InetSocketAddress) endpoint;
            if (address.isUnresolved()) {
                address = new InetSocketAddress(address.getHostString(), address.getPort());
                if (address.isUnresolved()) {
                    throw new UnknownHostException(address.getHostString());
                }
            }
            String problem = guard.problem(address.getAddress());
            if (problem != null) {
                throw new ConnectException("not connecting to " + address.getHostString() + ": it " + problem);
            }
            super.connect(address, timeout);
        }
    }
}
