package io.runway.lifecycle.model;

/** Claims a task for the actor, or releases the actor's claim when {@code release} is true. */
public record ClaimCommand(String taskId, Actor actor, boolean release) {}
