/**
 * The portfolio view over the read model: funnel by stage, time in gate by team, and the stall radar
 * (initiatives without progress for N days, grouped by gate and team, with the person to chase).
 */
package io.runway.worker.portfolio;
