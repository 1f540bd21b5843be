/** Slack incoming-webhook channel. */
package io.chainwatch.alert.notify.slack;
