package io.chainwatch.gateway.auth;

import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.InternalTokenIssuer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signer of internal tokens; the gateway does not start without its key. */
@Configuration(proxyBeanMethods = false)
class InternalTokens {

    @Bean
    InternalTokenIssuer internalTokenIssuer(ChainwatchGatewayProperties properties) {
        String key = properties.internalToken().privateKey();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("chainwatch.gateway.internal-token.private-key is not set (env"
                    + " CHAINWATCH_INTERNAL_TOKEN_PRIVATE_KEY): the services accept only requests the gateway signs;"
                    + " `java -cp chainwatch-security.jar io.chainwatch.security.InternalKeys` makes a key pair");
        }
        return new InternalTokenIssuer(InternalKeys.decodePrivate(key));
    }
}
