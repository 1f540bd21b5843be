/** Generic JSON webhook channel with an HMAC-SHA256 signature header. */
package io.chainwatch.alert.notify.webhook;
