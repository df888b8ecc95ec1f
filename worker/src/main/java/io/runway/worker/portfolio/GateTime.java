package io.runway.worker.portfolio;

import java.time.Duration;

/** Time from a gate opening to its decision, over the gates {@code team} decided ({@code completed} of them). */
public record GateTime(String gate, String team, long completed, Duration median, Duration p90) {}
