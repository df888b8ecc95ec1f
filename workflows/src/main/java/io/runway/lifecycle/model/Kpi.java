package io.runway.lifecycle.model;

/** A measurable outcome with where it starts and where the initiative must take it. */
public record Kpi(String name, String unit, Double baseline, Double target) {}
