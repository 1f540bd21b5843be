/** REST errors as RFC 9457 problem details. */
package io.chainwatch.cdc.web;
