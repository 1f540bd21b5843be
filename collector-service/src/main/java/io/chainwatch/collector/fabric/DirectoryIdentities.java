package io.chainwatch.collector.fabric;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.chainwatch.collector.CollectorProperties;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Identities from a directory ({@code chainwatch.collector.fabric-identity-dir}): {@code <dir>/<mspId>/cert.pem}
 * (X.509 certificate, PEM) and {@code <dir>/<mspId>/key.pem} (its private key, PKCS#8 PEM), like a Fabric wallet;
 * optionally {@code tls-cert.pem} and {@code tls-key.pem}, a TLS client certificate for peers that require one.
 * Read once per MSP and kept. The key is never logged; errors name the file, never its content.
 */
@Component
public class DirectoryIdentities implements FabricIdentities {

    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path dir;
    private final Map<String, FabricIdentity> byMsp = new ConcurrentHashMap<>();

    @Autowired
    public DirectoryIdentities(CollectorProperties properties) {
        this(properties.fabricIdentityDir().isEmpty() ? null : Path.of(properties.fabricIdentityDir()));
    }

    DirectoryIdentities(Path dir) {
        this.dir = dir;
    }

    @Override
    public FabricIdentity forTarget(io.chainwatch.events.FabricTarget fabric) {
        return forMsp(fabric.mspId());
    }

    /** The identity of {@code mspId} in the directory. */
    public FabricIdentity forMsp(String mspId) {
        if (dir == null) {
            throw new IdentityNotFoundException("no Fabric identity directory configured"
                    + " (chainwatch.collector.fabric-identity-dir) and no identity from the registry for MSP " + mspId
                    + " (set one with PUT /api/v1/organizations/{orgId}/fabric-identities/" + mspId + ")");
        }
        if (mspId == null || !MSP_ID.matcher(mspId).matches()) {
            throw new IdentityNotFoundException("\"" + mspId + "\" is not an MSP id");
        }
        return byMsp.computeIfAbsent(mspId, this::read);
    }

    private FabricIdentity read(String mspId) {
        Path cert = dir.resolve(mspId).resolve("cert.pem");
        Path key = dir.resolve(mspId).resolve("key.pem");
        X509Certificate certificate;
        try (Reader reader = Files.newBufferedReader(cert)) {
            certificate = Identities.readX509Certificate(reader);
        } catch (IOException | GeneralSecurityException e) {
            throw new IdentityNotFoundException("no readable certificate for MSP " + mspId + " at " + cert + ": "
                    + e.getClass().getSimpleName());
        }
        PrivateKey privateKey;
        try (Reader reader = Files.newBufferedReader(key)) {
            privateKey = Identities.readPrivateKey(reader);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the exception's message could quote the file: only its type is passed on
            throw new IdentityNotFoundException("no readable private key for MSP " + mspId + " at " + key + ": "
                    + e.getClass().getSimpleName());
        }
        // optional: a TLS client certificate for peers that require one
        Path tlsCert = dir.resolve(mspId).resolve("tls-cert.pem");
        Path tlsKey = dir.resolve(mspId).resolve("tls-key.pem");
        FabricIdentity.TlsClient tlsClient = null;
        if (Files.isRegularFile(tlsCert) && Files.isRegularFile(tlsKey)) {
            try {
                tlsClient = new FabricIdentity.TlsClient(Files.readString(tlsCert), Files.readString(tlsKey));
            } catch (IOException e) {
                throw new IdentityNotFoundException("no readable TLS client certificate and key for MSP " + mspId
                        + " at " + tlsCert + ": " + e.getClass().getSimpleName());
            }
        }
        return new FabricIdentity(new X509Identity(mspId, certificate), Signers.newPrivateKeySigner(privateKey),
                tlsClient);
    }
}
