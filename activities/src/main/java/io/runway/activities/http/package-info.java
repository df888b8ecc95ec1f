/**
 * Calling vendors' REST APIs from activities: one JSON client with timeouts, and the rules that
 * turn an HTTP answer into a Temporal failure (retry with Retry-After, or stop with the vendor's reason).
 */
package io.runway.activities.http;
