package io.chainwatch.alert.receiver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.alert.secret.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Table {@code alert.receiver}. Secrets are stored only encrypted ({@code secret_ciphertext}, see
 * {@link SecretCipher}) with a fingerprint; the old plaintext column {@code secret} is encrypted and cleared by
 * {@link #encryptPlaintextSecrets()} at startup. The URL of a webhook or chat receiver ({@link Channels#secretUrl})
 * is a secret too: {@code address_ciphertext} holds it encrypted, {@code address} only its masked form
 * ({@link Channels#maskedAddress}); URLs stored in plain text before that are encrypted at startup as well.
 * {@link #find} and {@link #list} decrypt (for sending); the views never do.
 */
@Repository
public class ReceiverRepository {

    private static final Logger log = LoggerFactory.getLogger(ReceiverRepository.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final SecretCipher cipher;
    private final Channels channels;

    public ReceiverRepository(JdbcClient jdbc, JsonMapper json, SecretCipher cipher, Channels channels) {
        this.channels = channels;
        this.jdbc = jdbc;
        this.json = json;
        this.cipher = cipher;
    }

    public void insert(Receiver r) {
        boolean secret = r.secret() != null && !r.secret().isEmpty();
        jdbc.sql("""
                insert into alert.receiver (id, org_id, name, channel, address, address_ciphertext, locale, secret,
                                            secret_ciphertext, secret_fingerprint, severities, rule_types,
                                            escalation_level, enabled, sms_settings)
                values (:id, :orgId, :name, :channel, :address, :addressCiphertext, :locale, null, :ciphertext,
                        :fingerprint, cast(:severities as jsonb), cast(:ruleTypes as jsonb), :level, :enabled,
                        cast(:sms as jsonb))""")
                .param("sms", r.sms() == null ? null : json.writeValueAsString(r.sms()))
                .param("id", r.id()).param("orgId", r.orgId()).param("name", r.name()).param("channel", r.channel())
                .param("address", storedAddress(r)).param("addressCiphertext", addressCiphertext(r))
                .param("locale", r.locale())
                .param("ciphertext", secret ? cipher.encrypt(r.secret()) : null)
                .param("fingerprint", secret ? cipher.fingerprint(r.secret()) : null)
                .param("severities", json.writeValueAsString(r.severities()))
                .param("ruleTypes", json.writeValueAsString(r.ruleTypes()))
                .param("level", r.escalationLevel()).param("enabled", r.enabled())
                .update();
    }

    /**
     * Replaces a receiver's settings (its organization stays). The secret: {@code null} keeps the stored one, an
     * empty string removes it, anything else replaces it. Returns false when there is no such receiver.
     */
    public boolean update(Receiver r) {
        boolean keep = r.secret() == null;
        boolean secret = !keep && !r.secret().isEmpty();
        return jdbc.sql("""
                update alert.receiver
                   set name = :name, channel = :channel, address = :address,
                       address_ciphertext = :addressCiphertext, locale = :locale,
                       severities = cast(:severities as jsonb), rule_types = cast(:ruleTypes as jsonb),
                       escalation_level = :level, enabled = :enabled, sms_settings = cast(:sms as jsonb),
                       secret = case when :keep then secret else null end,
                       secret_ciphertext = case when :keep then secret_ciphertext else :ciphertext end,
                       secret_fingerprint = case when :keep then secret_fingerprint else :fingerprint end
                 where id = :id""")
                .param("id", r.id()).param("name", r.name()).param("channel", r.channel())
                .param("address", storedAddress(r)).param("addressCiphertext", addressCiphertext(r))
                .param("locale", r.locale()).param("keep", keep)
                .param("sms", r.sms() == null ? null : json.writeValueAsString(r.sms()))
                .param("ciphertext", secret ? cipher.encrypt(r.secret()) : null)
                .param("fingerprint", secret ? cipher.fingerprint(r.secret()) : null)
                .param("severities", json.writeValueAsString(r.severities()))
                .param("ruleTypes", json.writeValueAsString(r.ruleTypes()))
                .param("level", r.escalationLevel()).param("enabled", r.enabled())
                .update() > 0;
    }

    /** The receiver with its secret decrypted (for signing); never hand it to the API as it is. */
    public Optional<Receiver> find(UUID id) {
        return jdbc.sql("select * from alert.receiver where id = :id").param("id", id).query(this::map).optional();
    }

    /** The receiver as the API shows it. */
    public Optional<ReceiverView> findView(UUID id) {
        return jdbc.sql("select * from alert.receiver where id = :id").param("id", id).query(this::view).optional();
    }

    /** Receivers of an organization (all when null), with their secrets decrypted (for sending). */
    public List<Receiver> list(UUID orgId) {
        return jdbc.sql("select * from alert.receiver where (cast(:orgId as uuid) is null or org_id = cast(:orgId as uuid))"
                        + " order by created_at, id")
                .param("orgId", orgId).query(this::map).list();
    }

    /** Receivers of an organization (all when null) as the API shows them. */
    public List<ReceiverView> listViews(UUID orgId) {
        return jdbc.sql("select * from alert.receiver where (cast(:orgId as uuid) is null or org_id = cast(:orgId as uuid))"
                        + " order by created_at, id")
                .param("orgId", orgId).query(this::view).list();
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from alert.receiver where id = :id").param("id", id).update() > 0;
    }

    /**
     * Encrypts the URLs of webhook and chat receivers stored in plain text (rows written before URLs were
     * encrypted), keeping only their masked form in {@code address}; returns how many. Safe to run on several
     * instances at once (each row is changed only while it has no ciphertext and the same plain URL).
     */
    public int encryptPlaintextAddresses() {
        List<String[]> rows = jdbc.sql("""
                select cast(id as text), channel, address from alert.receiver
                 where address_ciphertext is null and channel in (:channels)""")
                .param("channels", channels.secretUrlChannels())
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        int done = 0;
        for (String[] row : rows) {
            done += jdbc.sql("""
                    update alert.receiver set address_ciphertext = :ciphertext, address = :masked
                     where id = cast(:id as uuid) and address_ciphertext is null and address = :plain""")
                    .param("id", row[0]).param("plain", row[2]).param("ciphertext", cipher.encrypt(row[2]))
                    .param("masked", channels.maskedAddress(row[1], row[2]))
                    .update();
        }
        if (done > 0) {
            log.info("Encrypted {} receiver URL(s) that were stored in plain text", done);
        }
        return done;
    }

    /**
     * Encrypts the secrets stored in plaintext before secrets were encrypted, and clears the plaintext; returns how
     * many. Safe to run on several instances at once (each row is changed only while it still has plaintext).
     */
    public int encryptPlaintextSecrets() {
        List<Object[]> rows = jdbc.sql("select id, secret from alert.receiver where secret is not null")
                .query((rs, i) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)}).list();
        int done = 0;
        for (Object[] row : rows) {
            String plain = (String) row[1];
            done += jdbc.sql("""
                    update alert.receiver set secret_ciphertext = :ciphertext, secret_fingerprint = :fingerprint,
                           secret = null
                     where id = :id and secret is not null""")
                    .param("id", row[0])
                    .param("ciphertext", plain.isEmpty() ? null : cipher.encrypt(plain))
                    .param("fingerprint", plain.isEmpty() ? null : cipher.fingerprint(plain))
                    .update();
        }
        if (done > 0) {
            log.info("Encrypted {} receiver secret(s) that were stored in plaintext", done);
        }
        return done;
    }

    /** What {@code address} holds: a URL masked, other addresses as they are. */
    private String storedAddress(Receiver r) {
        return channels.maskedAddress(r.channel(), r.address());
    }

    /** The URL of a webhook or chat receiver, encrypted; null for other channels. */
    private String addressCiphertext(Receiver r) {
        return channels.secretUrl(r.channel()) ? cipher.encrypt(r.address()) : null;
    }

    private Receiver map(ResultSet rs, int row) throws SQLException {
        String ciphertext = rs.getString("secret_ciphertext");
        String secret = ciphertext != null ? cipher.decrypt(ciphertext) : rs.getString("secret");
        String addressCiphertext = rs.getString("address_ciphertext");
        String address = addressCiphertext != null ? cipher.decrypt(addressCiphertext) : rs.getString("address");
        return new Receiver(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                rs.getString("channel"), address, rs.getString("locale"), secret,
                json.readValue(rs.getString("severities"), STRINGS), json.readValue(rs.getString("rule_types"), STRINGS),
                rs.getInt("escalation_level"), rs.getBoolean("enabled"), sms(rs));
    }

    private ReceiverView view(ResultSet rs, int row) throws SQLException {
        Receiver r = new Receiver(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getString("name"), rs.getString("channel"), rs.getString("address"), rs.getString("locale"), null,
                json.readValue(rs.getString("severities"), STRINGS), json.readValue(rs.getString("rule_types"), STRINGS),
                rs.getInt("escalation_level"), rs.getBoolean("enabled"), sms(rs));
        String fingerprint = rs.getString("secret_fingerprint");
        if (fingerprint == null && rs.getString("secret") != null) {
            fingerprint = cipher.fingerprint(rs.getString("secret")); // not encrypted yet (startup in progress)
        }
        return channels.view(r, fingerprint);
    }

    private SmsSettings sms(ResultSet rs) throws SQLException {
        String stored = rs.getString("sms_settings");
        return stored == null ? null : json.readValue(stored, SmsSettings.class);
    }
}
