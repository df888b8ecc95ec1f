package io.runway.lifecycle.model;

import java.time.Instant;

/** One line of an initiative's history; {@code seq} is unique and increasing per workflow. */
public record TimelineEntry(long seq, Instant at, String type, Gate gate, String actor, String detail) {}
