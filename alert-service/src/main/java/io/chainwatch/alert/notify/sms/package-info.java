/**
 * SMS channel: Aliyun SMS (RPC signature V2, HMAC-SHA1) and Tencent Cloud SMS (TC3-HMAC-SHA256) request formats
 * and signatures, selected by {@code chainwatch.alert.sms.provider}.
 */
package io.chainwatch.alert.notify.sms;
