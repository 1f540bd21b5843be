/** The words of alert messages in English and Chinese, shared by every channel. */
package io.chainwatch.alert.notify.text;
