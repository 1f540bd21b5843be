package io.chainwatch.alert.receiver;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** At startup: receiver secrets still stored in plaintext (written before encryption) are encrypted. */
@Component
class ReceiverSecrets implements ApplicationRunner {

    private final ReceiverRepository receivers;

    ReceiverSecrets(ReceiverRepository receivers) {
        this.receivers = receivers;
    }

    @Override
    public void run(ApplicationArguments args) {
        receivers.encryptPlaintextSecrets();
    }
}
