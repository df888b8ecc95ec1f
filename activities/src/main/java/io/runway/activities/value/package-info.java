/**
 * The value read model: KPI and cost actuals with their corrections, value decisions and the value
 * summary, projected from the workflow and idempotent by (workflow id, seq).
 */
package io.runway.activities.value;
