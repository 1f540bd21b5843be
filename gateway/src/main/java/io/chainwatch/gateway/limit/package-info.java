/** Abuse limits: request body size, and request rate per API key (Bucket4j token buckets). */
package io.chainwatch.gateway.limit;
