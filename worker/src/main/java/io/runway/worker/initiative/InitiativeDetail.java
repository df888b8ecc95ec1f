package io.runway.worker.initiative;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.TimelineEntry;
import java.util.List;

/**
 * An initiative as the workflow last projected it, with its timeline and, when asked for, which of
 * its owners are Runway users ({@link OwnerLink}).
 */
public record InitiativeDetail(@JsonUnwrapped InitiativeView view, List<TimelineEntry> timeline, List<OwnerLink> ownerLinks) {

  public InitiativeDetail(InitiativeView view, List<TimelineEntry> timeline) {
    this(view, timeline, List.of());
  }

  InitiativeDetail withOwnerLinks(List<OwnerLink> links) {
    return new InitiativeDetail(view, timeline, links);
  }
}
