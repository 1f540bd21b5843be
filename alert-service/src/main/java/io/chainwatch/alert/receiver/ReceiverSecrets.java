package io.chainwatch.alert.receiver;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At startup: receiver secrets and webhook / chat URLs still stored in plain text (rows written before they were
 * encrypted, e.g. by an older version before migration V8) are encrypted (the outbox's URLs: {@code OutboxSecrets}).
 * This runs in the service rather than in a Flyway migration because only the service has the key
 * ({@code chainwatch.alert.secrets.key}); until it has run, such rows are still read and sent correctly.
 */
@Component
class ReceiverSecrets implements ApplicationRunner {

    private final ReceiverRepository receivers;

    ReceiverSecrets(ReceiverRepository receivers) {
        this.receivers = receivers;
    }

    @Override
    public void run(ApplicationArguments args) {
        receivers.encryptPlaintextSecrets();
        receivers.encryptPlaintextAddresses();
    }
}
