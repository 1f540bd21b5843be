/**
 * Notifications: the {@link io.chainwatch.alert.notify.Notifier} port (one implementation per channel, each in its
 * own subpackage — {@code email}, {@code sms}, {@code webhook}, {@code dingtalk}, {@code wecom}, {@code slack} —
 * rendering a group of alert events for a receiver and saying whether a failure is worth retrying; the channels that
 * POST JSON to the receiver's URL share {@link io.chainwatch.alert.notify.JsonPostNotifier} and
 * {@link io.chainwatch.alert.notify.HttpDelivery}); the event log
 * the transitions are written to; the {@link io.chainwatch.alert.notify.NotificationPlanner} that groups events,
 * applies silences, inhibition, routing, repeat, escalation and the SMS limit, and writes outbox rows with
 * idempotency keys; and the {@link io.chainwatch.alert.notify.OutboxDispatcher} that sends them right after the
 * transitions they announce are committed (woken by the evaluation, a timer at the next due moment, and a polling
 * safety net), with capped exponential backoff per message, a probe of a failing endpoint and a wake-up of
 * everything waiting for an endpoint that accepts again, and raises a meta-alert when a channel keeps failing.
 * The outbox keeps a webhook or chat message's URL encrypted (decrypted when the message is claimed for sending,
 * masked in the row, log lines and errors); {@code OutboxSecrets} encrypts rows an older version stored in plain text.
 * A receiver's test message ({@code POST /api/v1/receivers/{id}/test}, {@link io.chainwatch.alert.notify.TestNotifications})
 * goes through the same outbox and dispatcher.
 */
package io.chainwatch.alert.notify;
