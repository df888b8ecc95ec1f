package io.runway.lifecycle.model;

import java.util.List;

/**
 * What the projection activity writes: the full view at sequence {@code seq} and the timeline
 * entries added since the previous snapshot. Applying a snapshot twice, or an older one after a
 * newer one, changes nothing.
 */
public record InitiativeSnapshot(long seq, InitiativeView view, List<TimelineEntry> newTimeline) {}
