package io.runway.worker.initiative;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.TimelineEntry;
import java.util.List;

/** An initiative as the workflow last projected it, with its timeline. */
public record InitiativeDetail(@JsonUnwrapped InitiativeView view, List<TimelineEntry> timeline) {}
