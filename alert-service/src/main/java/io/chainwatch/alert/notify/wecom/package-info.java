/** WeCom (企业微信) group robot channel. */
package io.chainwatch.alert.notify.wecom;
