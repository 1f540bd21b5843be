package io.chainwatch.registry.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.web.Actor;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.security.Caller;
import io.chainwatch.security.ForbiddenException;
import io.chainwatch.security.Role;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, revokes and verifies API keys. A key is {@code cw_<prefix>_<secret>}: {@code prefix} is 8 random
 * characters of [a-z0-9], {@code secret} the base64url (no padding) of 32 bytes from {@link SecureRandom}.
 * <p>
 * Only the SHA-256 of the whole key is stored. A password needs a slow, salted hash because people choose guessable
 * ones; a key of 256 random bits cannot be guessed or looked up in a table, so a fast hash is as safe here — and it
 * keeps the gateway's verification (on every request with a new key) cheap.
 */
@Service
public class ApiKeyService {

    /** How a key looks; anything else is refused before the database is asked. */
    static final Pattern FORMAT = Pattern.compile("cw_([a-z0-9]{8})_[A-Za-z0-9_-]{43}");

    private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** Compared with when the prefix names no key, so that unknown prefixes take as long as wrong secrets. */
    private static final byte[] NO_KEY = new byte[32];

    private final ApiKeyRepository keys;
    private final OrganizationRepository organizations;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    private final io.chainwatch.registry.quota.Quotas quotas;

    ApiKeyService(ApiKeyRepository keys, OrganizationRepository organizations, AuditLog audit,
                  io.chainwatch.registry.quota.Quotas quotas) {
        this.quotas = quotas;
        this.keys = keys;
        this.organizations = organizations;
        this.audit = audit;
    }

    /** A new key of the organization, for {@code caller}; the answer holds the key, which is never shown again. */
    @Transactional
    public ApiKeyResponse.Created create(UUID orgId, ApiKeyRequests.Create request, Caller caller) {
        organizations.findById(orgId).filter(o -> !o.deleted()).orElseThrow(() -> new NotFoundException("organization", orgId));
        Role role = role(request.role());
        if (!caller.role().atLeast(role)) {
            throw new ForbiddenException("You cannot create a key with the role " + role.label() + " above your own ("
                    + caller.role().label() + ").");
        }
        Instant now = now();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw new InvalidRequestException("expiresAt", "must be in the future");
        }
        quotas.checkOneMore(orgId, io.chainwatch.registry.quota.Quotas.API_KEYS);
        String prefix = newPrefix();
        String key = "cw_" + prefix + "_" + newSecret();
        ApiKey stored = new ApiKey(UUID.randomUUID(), orgId, request.name().strip(), role, prefix, sha256(key), now,
                Actor.current(), request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MICROS),
                null, null);
        keys.insert(stored);
        ApiKeyResponse view = ApiKeyResponse.of(stored);
        audit.record(orgId, "api-key.create", "api-key", stored.id(), null, view);
        return new ApiKeyResponse.Created(view.id(), view.orgId(), view.name(), view.role(), view.prefix(),
                view.createdAt(), view.createdBy(), view.expiresAt(), key);
    }

    @Transactional(readOnly = true)
    public List<ApiKeyResponse> list(UUID orgId) {
        organizations.findById(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
        return keys.ofOrg(orgId).stream().map(ApiKeyResponse::of).toList();
    }

    /** Revokes the key (idempotent: revoking a revoked key changes nothing). */
    @Transactional
    public void revoke(UUID orgId, UUID id) {
        ApiKey key = keys.findInOrg(orgId, id).orElseThrow(() -> new NotFoundException("API key", id));
        if (keys.revoke(id, now())) {
            ApiKey revoked = keys.findInOrg(orgId, id).orElseThrow();
            audit.record(orgId, "api-key.revoke", "api-key", id, ApiKeyResponse.of(key), ApiKeyResponse.of(revoked));
        }
    }

    /**
     * The key's organization and role when {@code presented} is a known, unrevoked, unexpired key; empty otherwise
     * (whatever the reason, so that the answer tells an attacker nothing). Records the use at most once a minute. A
     * valid key of a deactivated organization is a 403 saying so (only the key's holder can present a valid key).
     */
    @Transactional
    public Optional<ApiKeyResponse.Verified> verify(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var format = FORMAT.matcher(presented);
        if (!format.matches()) {
            return Optional.empty();
        }
        Optional<ApiKey> found = keys.findByPrefix(format.group(1));
        byte[] expected = found.map(key -> HexFormat.of().parseHex(key.keyHash())).orElse(NO_KEY);
        boolean matches = MessageDigest.isEqual(expected, digest(presented)) && found.isPresent();
        Instant now = now();
        if (!matches || !found.get().usableAt(now)) {
            return Optional.empty();
        }
        ApiKey key = found.get();
        if (organizations.isDeactivated(key.orgId())) {
            throw new ForbiddenException("Organization " + key.orgId() + " is deactivated: its API keys and people"
                    + " are refused until a platform admin reactivates it.");
        }
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(Duration.ofMinutes(1)))) {
            keys.touch(key.id(), now);
        }
        return Optional.of(new ApiKeyResponse.Verified(key.id(), key.orgId(), key.role().name(), key.prefix()));
    }

    private static Role role(String text) {
        Role role;
        try {
            role = Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("role", "must be viewer, operator or org-admin");
        }
        if (role == Role.PLATFORM_ADMIN) {
            throw new InvalidRequestException("role", "must be viewer, operator or org-admin; an API key is never a"
                    + " platform admin");
        }
        return role;
    }

    private String newPrefix() {
        while (true) {
            StringBuilder prefix = new StringBuilder(8);
            for (int i = 0; i < 8; i++) {
                prefix.append(PREFIX_ALPHABET.charAt(random.nextInt(PREFIX_ALPHABET.length())));
            }
            if (!keys.prefixTaken(prefix.toString())) {
                return prefix.toString();
            }
        }
    }

    private String newSecret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String sha256(String key) {
        return HexFormat.of().formatHex(digest(key));
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
