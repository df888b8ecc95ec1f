package io.runway.worker.portfolio;

import java.util.List;

/** The stalled initiatives waiting on one gate of one team, longest-stalled first. */
public record StallGroup(String gate, String team, List<StalledInitiative> initiatives) {}
