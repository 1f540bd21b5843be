package io.chainwatch.alert.support;

import io.chainwatch.testkit.SharedServers;
import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up most end-to-end tests share: the application on a fresh database, sending its e-mail to a GreenMail
 * SMTP server on a free port. Registered on an IT class with
 * {@code @RegisterExtension static final AppWithMail SERVICE = new AppWithMail();}, it starts both before the
 * class's first test and stops them after its last one; the tests reach them through {@link #app()} and
 * {@link #mail()}.
 */
public final class AppWithMail implements BeforeAllCallback, AfterAllCallback {

    private GreenMail mail;
    private AlertApp app;

    @Override
    public void beforeAll(ExtensionContext context) {
        int smtp = FreePorts.next();
        mail = ITSupport.greenMail(smtp);
        mail.start();
        app = new AlertApp(SharedServers.newDatabase("alert"), smtp).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (app != null) {
            app.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    /** The running application. */
    public AlertApp app() {
        return app;
    }

    /** The SMTP server the application sends its e-mail to. */
    public GreenMail mail() {
        return mail;
    }
}
