package io.runway.lifecycle.model;

/** A ticket in a system of record: {@code system} is {@code local}, {@code jira} or {@code servicenow}. */
public record TicketRef(String system, String id, String url) {}
