package io.runway.lifecycle.model;

/** Withdraws or retires an initiative, with the reason the record keeps. */
public record EndCommand(Actor actor, String reason) {}
