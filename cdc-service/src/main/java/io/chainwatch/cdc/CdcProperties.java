package io.chainwatch.cdc;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CDC settings ({@code chainwatch.cdc.*}); every key can be set from the environment.
 *
 * @param secretKey        AES-256 key (base64, 32 bytes) that encrypts source passwords; env CHAINWATCH_CDC_SECRET_KEY
 * @param secretKeyId      id stored with each ciphertext, so keys can rotate
 * @param previousKeys     older keys by id, still accepted for decryption after a rotation
 * @param reconnectMin     first wait before reconnecting to a source that is down
 * @param reconnectMax     longest wait between reconnection attempts
 * @param statusInterval   how often the replication stream reports its position to the source even when idle
 * @param supervisorInterval how often the set of enabled sources is compared with the running readers
 */
@ConfigurationProperties("chainwatch.cdc")
public record CdcProperties(
        String secretKey,
        @DefaultValue("k1") String secretKeyId,
        Map<String, String> previousKeys,
        @DefaultValue("1s") Duration reconnectMin,
        @DefaultValue("30s") Duration reconnectMax,
        @DefaultValue("10s") Duration statusInterval,
        @DefaultValue("2s") Duration supervisorInterval) {

    public CdcProperties {
        previousKeys = previousKeys == null ? Map.of() : Map.copyOf(previousKeys);
    }
}
