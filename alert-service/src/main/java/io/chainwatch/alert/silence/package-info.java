/**
 * Silences and maintenance windows: label matchers and a time window under which alerts are recorded but not
 * announced; the {@code /api/v1/silences} resource.
 */
package io.chainwatch.alert.silence;
