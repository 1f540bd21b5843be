package io.chainwatch.alert.notify;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At startup: the URLs of webhook and chat messages still stored in plain text in the outbox (written by an older
 * version, before migration V8) are encrypted. In the service rather than in a Flyway migration because only the
 * service has the key ({@code chainwatch.alert.secrets.key}); until it has run such rows are still sent correctly.
 */
@Component
class OutboxSecrets implements ApplicationRunner {

    private final OutboxRepository outbox;

    OutboxSecrets(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    @Override
    public void run(ApplicationArguments args) {
        outbox.encryptPlaintextRecipients();
    }
}
