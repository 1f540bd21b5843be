package io.chainwatch.registry.ledger;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chainwatch.registry.ledger.*}: the tamper-evident log.
 *
 * @param signingKey       the log's Ed25519 private key, base64 PKCS#8 (env CHAINWATCH_REGISTRY_LEDGER_SIGNING_KEY;
 *                         {@code java -cp registry-service.jar ... LedgerVerifier --new-key} makes one); empty: a key
 *                         made at start and lost at stop (development only: heads signed before a restart then carry
 *                         a key nobody can pin)
 * @param treeHeadInterval how often a new signed tree head is made when entries were appended (default 60 s)
 * @param consumerGroup    the Kafka consumer group of the appender; its one member holding the topic's one partition
 *                         appends
 */
@ConfigurationProperties("chainwatch.registry.ledger")
public record LedgerProperties(
        @DefaultValue("") String signingKey,
        @DefaultValue("60s") Duration treeHeadInterval,
        @DefaultValue("chainwatch-ledger") String consumerGroup) {
}
