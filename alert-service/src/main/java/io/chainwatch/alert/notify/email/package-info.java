/**
 * The e-mail channel: {@link io.chainwatch.alert.notify.email.EmailNotifier} sends through Spring's
 * {@code JavaMailSender} ({@code spring.mail.host/port}); {@link io.chainwatch.alert.notify.email.EmailComposer}
 * writes subjects (as fixed in docs/architecture.md) and the plain-text and HTML bodies from the Mustache templates
 * in {@code src/main/resources/mail/}.
 */
package io.chainwatch.alert.notify.email;
