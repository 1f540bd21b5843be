/**
 * CDC sources: the configuration (database connection with its password encrypted, schema and table, numeric
 * columns → metric names, tag columns, organization and chain), its validation against the live source, and the
 * REST API under {@code /api/v1/cdc/sources}.
 */
package io.chainwatch.cdc.source;
