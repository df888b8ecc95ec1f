/**
 * Value realization: KPI and cost actuals, the value view of an initiative, the portfolio's value
 * (JSON and CSV), data-readiness exceptions, and the value gauges. REST and console share {@link io.runway.worker.value.Values}.
 */
package io.runway.worker.value;
