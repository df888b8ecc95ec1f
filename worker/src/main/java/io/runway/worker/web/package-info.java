/**
 * What every endpoint shares: problem+json errors (RFC 9457) from one exception handler, the
 * request-size limit, paging, and the mapping of Temporal refusals to HTTP statuses.
 */
package io.runway.worker.web;
