package io.chainwatch.testkit.fabric;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The captures of a real Fabric 2.5.5 network, kept in this jar ({@code fabric-2.5.5/} beside this class; its
 * README says what each file holds): the blocks of channel {@code mychannel}, its chain info, and the peer's and
 * orderer's operations {@code /metrics} and {@code /healthz} answers.
 */
public final class FabricFixtures {

    private FabricFixtures() {
    }

    /** The bytes of a capture, e.g. {@code block-5.pb}. */
    public static byte[] bytes(String name) {
        try (InputStream in = FabricFixtures.class.getResourceAsStream("fabric-2.5.5/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no Fabric 2.5.5 capture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text capture (UTF-8), e.g. {@code peer-metrics-after-tx.txt}. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
