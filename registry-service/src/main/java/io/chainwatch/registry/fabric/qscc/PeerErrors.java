package io.chainwatch.registry.fabric.qscc;

import java.time.Duration;
import java.util.Locale;

import io.grpc.Status;

/**
 * A failed call to a peer in the same words the collector uses in its samples and logs (collector-service's
 * {@code FabricNodeProbe}; the two are kept alike by tests on the same captured Fabric 2.5.5 answers): "peer has not
 * joined channel X", "TLS handshake with E failed: ... (hint)", "could not reach E: ...", "no answer from E within N
 * ms".
 */
public final class PeerErrors {

    private PeerErrors() {
    }

    /**
     * Whether the peer's answer says it has not joined {@code channel} (Fabric 2.5.5: the Gateway's Evaluate on that
     * channel, UNAVAILABLE "failed to get config for channel [ghost]: could not get last config for channel ghost";
     * qscc through another channel, "Invalid chain ID, ghost"; the endorser, "channel 'ghost' not found").
     */
    public static boolean notJoined(String channel, Status status) {
        String text = String.valueOf(status.getDescription());
        return text.contains("could not get last config for channel " + channel)
                || text.contains("failed to get config for channel [" + channel + "]")
                || text.endsWith("Invalid chain ID, " + channel)
                || text.contains("channel '" + channel + "' not found")
                || text.contains("Failed to get policy manager for channel [" + channel + "]");
    }

    /** The failure of a call to the peer at {@code endpoint} about {@code channel}, in plain words. */
    public static String describe(String endpoint, String channel, Status status, Duration timeout) {
        if (notJoined(channel, status)) {
            return "peer has not joined channel " + channel;
        }
        String tls = tlsFailure(status);
        if (tls != null) {
            return "TLS handshake with " + endpoint + " failed: " + tls;
        }
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> "no answer from " + endpoint + " within " + timeout.toMillis() + " ms";
            case UNAVAILABLE -> "could not reach " + endpoint + ": " + status.getCode() + " " + status.getDescription();
            default -> endpoint + " answered " + status.getCode()
                    + (status.getDescription() == null ? "" : ": " + status.getDescription());
        };
    }

    /** Why the TLS handshake failed, with what to set; {@code null} when the call did not fail on TLS. */
    static String tlsFailure(Status status) {
        for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException) {
                Throwable root = t;
                boolean wrongName = false;
                boolean clientCertificate = false;
                for (Throwable c = t; c != null; c = c.getCause()) {
                    root = c;
                    String text = String.valueOf(c.getMessage()).toUpperCase(Locale.ROOT);
                    wrongName |= text.contains("SUBJECT ALTERNATIVE") || text.contains("NO NAME MATCHING");
                    clientCertificate |= text.contains("CERTIFICATE_REQUIRED") || text.contains("BAD_CERTIFICATE");
                }
                String hint = wrongName
                        ? " (the peer's certificate is for another name: set the node's fabric.serverNameOverride)"
                        : clientCertificate
                        ? " (the peer wants a TLS client certificate from its organization's TLS CA: give the"
                                + " organization's Fabric identity a tlsCertificatePem and tlsPrivateKeyPem)"
                        : " (is the peer's certificate signed by the node's fabric.tlsRootCertPem?)";
                return root.getClass().getSimpleName() + ": " + root.getMessage() + hint;
            }
        }
        return null;
    }
}
