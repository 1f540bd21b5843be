package io.chainwatch.alert.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Default quotas of every organization ({@code chainwatch.alert.quotas.*}).
 *
 * @param rules             alert rules
 * @param receivers         receivers (e-mail, SMS, webhook, chat)
 * @param recipientsPerRule addresses in one rule's {@code emailTo}
 */
@ConfigurationProperties("chainwatch.alert.quotas")
public record QuotaProperties(
        @DefaultValue("500") long rules,
        @DefaultValue("50") long receivers,
        @DefaultValue("20") long recipientsPerRule) {
}
