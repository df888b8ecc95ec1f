package io.runway.lifecycle.model;

/** Attaches evidence to an initiative, for one gate when {@code gate} is set. */
public record EvidenceCommand(Actor actor, Gate gate, EvidenceInput evidence) {}
