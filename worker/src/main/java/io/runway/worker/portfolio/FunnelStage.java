package io.runway.worker.portfolio;

/**
 * One stage of the funnel: {@code reached} counts initiatives that reached this stage or a later one
 * (or are in it now), {@code current} those in it now; {@code conversionFromIntake} = reached / reached(INTAKE).
 */
public record FunnelStage(String stage, long reached, long current, double conversionFromIntake) {}
