package io.runway.lifecycle.model;

/** A link to evidence as a person supplies it: kind (as the policy names it), title, URI, optional sha256. */
public record EvidenceInput(String kind, String title, String uri, String sha256) {}
