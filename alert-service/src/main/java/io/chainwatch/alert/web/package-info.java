/** REST error handling: one advice turning every client error into an RFC 9457 problem detail. */
package io.chainwatch.alert.web;
