package io.chainwatch.cdc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Properties;

import io.chainwatch.security.UrlGuard;
import org.junit.jupiter.api.Test;

class GuardedSocketFactoryTest {

    @Test
    void refusesToConnectWhereThePolicySaysNoEvenForAnAddressGivenDirectly() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GuardedSocketFactory publicOnly = new GuardedSocketFactory(
                    GuardedSocketFactory.apply(new Properties(), UrlGuard.Policy.PUBLIC_ONLY));
            assertThatThrownBy(() -> publicOnly.createSocket().connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 1000))
                    .isInstanceOf(ConnectException.class).hasMessageContaining("loopback");
            assertThatThrownBy(() -> publicOnly.createSocket("localhost", server.getLocalPort()))
                    .isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> publicOnly.createSocket().connect(
                    InetSocketAddress.createUnresolved("169.254.169.254", 80), 1000))
                    .isInstanceOf(ConnectException.class).hasMessageContaining("link-local");

            GuardedSocketFactory loopback = new GuardedSocketFactory(GuardedSocketFactory.apply(new Properties(),
                    new UrlGuard.Policy(true, false, false)));
            try (Socket socket = loopback.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                assertThat(socket.isConnected()).isTrue();
            }
        }
    }

    @Test
    void applySetsTheFactoryAndThePolicy() {
        Properties props = GuardedSocketFactory.apply(new Properties(), new UrlGuard.Policy(false, true, false));
        assertThat(props.getProperty("socketFactory")).isEqualTo(GuardedSocketFactory.class.getName());
        assertThat(props.getProperty(GuardedSocketFactory.ALLOW_PRIVATE)).isEqualTo("true");
        assertThat(props.getProperty(GuardedSocketFactory.ALLOW_LOOPBACK)).isEqualTo("false");
    }
}
