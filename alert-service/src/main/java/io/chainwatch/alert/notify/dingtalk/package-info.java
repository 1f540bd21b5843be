/** DingTalk custom robot channel (markdown, timestamp + secret signature). */
package io.chainwatch.alert.notify.dingtalk;
