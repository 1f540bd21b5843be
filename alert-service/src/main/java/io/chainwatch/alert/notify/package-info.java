/**
 * Notifications: the {@link io.chainwatch.alert.notify.Notifier} port (one implementation per channel, each
 * in its own subpackage, saying whether a failure is worth retrying), the outbox table they are written to in
 * the transition's transaction, and the {@link io.chainwatch.alert.notify.OutboxDispatcher} that sends them
 * with capped exponential backoff.
 */
package io.chainwatch.alert.notify;
