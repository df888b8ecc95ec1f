package io.runway.worker.portfolio;

import java.util.List;

/**
 * The stall radar as the API returns it: every group's full {@code count}, and its longest-stalled
 * initiatives (at most the requested number per group, so a large portfolio stays a readable answer).
 */
public record StallRadar(int days, long total, List<Group> groups) {

  public record Group(String gate, String team, long count, List<StalledInitiative> initiatives) {}
}
