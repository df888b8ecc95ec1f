package io.runway.worker.initiative;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.runway.worker.observability.StuckInitiatives.Stuck;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.TimelineEntry;
import java.util.List;

/**
 * An initiative as the workflow last projected it, with its timeline, when asked for which of its
 * owners are Runway users ({@link OwnerLink}), and {@code stuck} only while its workflow task keeps
 * failing ({@link io.runway.worker.observability.StuckInitiatives}).
 */
public record InitiativeDetail(
    @JsonUnwrapped InitiativeView view, List<TimelineEntry> timeline, List<OwnerLink> ownerLinks,
    @JsonInclude(JsonInclude.Include.NON_NULL) Stuck stuck) {

  public InitiativeDetail(InitiativeView view, List<TimelineEntry> timeline) {
    this(view, timeline, List.of(), null);
  }

  InitiativeDetail withOwnerLinks(List<OwnerLink> links) {
    return new InitiativeDetail(view, timeline, links, stuck);
  }

  InitiativeDetail withStuck(Stuck flagged) {
    return new InitiativeDetail(view, timeline, ownerLinks, flagged);
  }
}
