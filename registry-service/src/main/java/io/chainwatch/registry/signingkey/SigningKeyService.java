package io.chainwatch.registry.signingkey;

import java.math.BigInteger;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.secret.SecretStore;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Creates (generates or imports), lists and deletes organization signing keys, and gives the contract package the
 * credentials of one. A key of another organization is "not found", like a missing one.
 */
@Service
public class SigningKeyService {

    /** Purpose of the private keys in registry.secret. */
    static final String KEY_PURPOSE = "signing-key";

    private final SigningKeyRepository keys;
    private final OrganizationRepository organizations;
    private final SecretStore secrets;
    private final AuditLog audit;

    SigningKeyService(SigningKeyRepository keys, OrganizationRepository organizations, SecretStore secrets,
            AuditLog audit) {
        this.keys = keys;
        this.organizations = organizations;
        this.secrets = secrets;
        this.audit = audit;
    }

    /** A key ready to sign: its id, address and credentials (hold them no longer than the transaction). */
    public record Signer(UUID keyId, String address, Credentials credentials) {

        @Override
        public String toString() {
            return "Signer[keyId=" + keyId + ", address=" + address + "]";
        }
    }

    /** Generates a key (no {@code privateKey} in the request) or imports the given one. */
    @Transactional
    public SigningKeyResponse create(UUID orgId, SigningKeyRequest request) {
        organization(orgId);
        String privateKey = request.privateKey() == null ? generate() : checked(request.privateKey());
        String address = Credentials.create(privateKey).getAddress().toLowerCase(java.util.Locale.ROOT);
        if (keys.nameTaken(orgId, request.name())) {
            throw new DuplicateNameException("The organization already has a signing key named '" + request.name()
                    + "'", null);
        }
        keys.findByAddress(orgId, address).ifPresent(existing -> {
            throw new ConflictException("The organization already holds the key of " + address + " as signing key '"
                    + existing.name() + "' (" + existing.id() + ")");
        });
        SigningKey key = new SigningKey(UUID.randomUUID(), orgId, request.name(), address,
                secrets.store(orgId, KEY_PURPOSE, privateKey),
                request.privateKey() == null ? SigningKey.Origin.GENERATED : SigningKey.Origin.IMPORTED,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            keys.insert(key);
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("The organization already has a signing key named '" + request.name()
                    + "' or for address " + address + " (created meanwhile)", e);
        }
        SigningKeyResponse view = view(key);
        audit.record(orgId, "key.create", "signing-key", key.id(), null, view);
        return view;
    }

    @Transactional(readOnly = true)
    public List<SigningKeyResponse> list(UUID orgId) {
        organization(orgId);
        return keys.ofOrganization(orgId).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public SigningKeyResponse get(UUID orgId, UUID id) {
        organization(orgId);
        return view(find(orgId, id, false));
    }

    /** Deletes the key and its stored secret; 409 while a contract that is not terminated uses it. */
    @Transactional
    public void delete(UUID orgId, UUID id) {
        organization(orgId);
        SigningKey key = find(orgId, id, true);
        long live = keys.liveContracts(id);
        if (live > 0) {
            throw new ConflictException("Signing key '" + key.name() + "' is used by " + live + " contract(s) that are "
                    + "not terminated; terminate them first");
        }
        SigningKeyResponse before = view(key);
        keys.delete(id);
        secrets.forget(key.keySecretId());
        audit.record(orgId, "key.delete", "signing-key", id, before, null);
    }

    /**
     * The key {@code keyId} of organization {@code orgId}, decrypted, to sign with; 404 ("signing key") when the
     * organization has no such key.
     */
    @Transactional(readOnly = true)
    public Signer signer(UUID orgId, UUID keyId) {
        SigningKey key = find(orgId, keyId, false);
        return new Signer(key.id(), key.address(), Credentials.create(secrets.reveal(key.keySecretId())));
    }

    /**
     * Locks the key row until the caller's transaction ends, so that it cannot be deleted while a contract starts
     * using it; 409 when it was deleted meanwhile.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockForUse(UUID orgId, UUID keyId) {
        if (keys.find(orgId, keyId, true).isEmpty()) {
            throw new ConflictException("Signing key " + keyId + " was deleted meanwhile");
        }
    }

    private SigningKey find(UUID orgId, UUID id, boolean lock) {
        return keys.find(orgId, id, lock).orElseThrow(() -> new NotFoundException("signing key", id));
    }

    private void organization(UUID orgId) {
        organizations.findById(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
    }

    private SigningKeyResponse view(SigningKey key) {
        return new SigningKeyResponse(key.id(), key.orgId(), key.name(), key.address(), key.origin().name(),
                secrets.view(key.keySecretId()), keys.liveContracts(key.id()), key.createdAt());
    }

    private static String generate() {
        try {
            ECKeyPair pair = Keys.createEcKeyPair();
            return Numeric.toHexStringWithPrefixZeroPadded(pair.getPrivateKey(), 64);
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException("cannot generate a secp256k1 key", e);
        }
    }

    /** A secp256k1 private key is a number from 1 to n - 1. */
    private static String checked(String privateKey) {
        BigInteger value = Numeric.toBigInt(privateKey);
        if (value.signum() == 0 || value.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new InvalidRequestException("privateKey", "is not a secp256k1 private key (must be between 1 and "
                    + "the curve order minus 1)");
        }
        return privateKey.toLowerCase(java.util.Locale.ROOT);
    }
}
