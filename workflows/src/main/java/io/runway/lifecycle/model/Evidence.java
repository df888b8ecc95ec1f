package io.runway.lifecycle.model;

import java.time.Instant;

/** Evidence recorded on an initiative, optionally for one gate. */
public record Evidence(
    String id, Gate gate, String kind, String title, String uri, String sha256, String addedBy, Instant addedAt) {}
