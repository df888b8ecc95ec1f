package io.runway.lifecycle.model;

/** Records one month's value of a KPI; the same KPI and period again corrects it. */
public record KpiActualCommand(Actor actor, String kpi, String period, Double value, KpiSource source, String note) {}
