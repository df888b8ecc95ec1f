/**
 * Sample data for demos ({@code runway.demo.seed=true}): a few initiatives of different tiers,
 * launched through the API's own service and moved through their first gates by demo users.
 */
package io.runway.worker.demo;
